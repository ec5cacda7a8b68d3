package org.voxarch.compiler.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.builtins.Builtins;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.builtins.SizeLimits;
import org.voxarch.compiler.builtins.TensorOps;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;

/**
 * Checks that need no parameter values: names resolve, names are unique, types exist, forward returns, blocks do
 * not contain themselves. Runs on every block, used or not, so a library file is checked on its own.
 */
public final class StaticChecker {
    private static final Set<String> BASIC_TYPES = Set.of("int", "float", "bool", "string", "size");

    private final Program program;
    private final Diagnostics diagnostics;
    /** Unknown names of the block being checked, by name. */
    private final Map<String, Unknown> unknownNames = new LinkedHashMap<>();

    private StaticChecker(Program program, Diagnostics diagnostics) {
        this.program = program;
        this.diagnostics = diagnostics;
    }

    public static void check(Program program, Diagnostics diagnostics) {
        StaticChecker checker = new StaticChecker(program, diagnostics);
        for (SpecFile f : program.files()) {
            for (Decl d : f.decls()) {
                if (d instanceof Decl.Block b) {
                    checker.block(b);
                    checker.reportUnknownNames();
                }
            }
        }
        checker.cycles();
    }

    private void block(Decl.Block b) {
        Set<String> scope = new HashSet<>();
        for (Decl.Param p : b.params()) {
            if (!scope.add(p.name().name())) {
                error(p.name().span(), "parameter '" + p.name().name() + "' is declared twice");
            }
            if (p.type() == null && p.defaultValue() == null) {
                error(p.name().span(), "parameter '" + p.name().name() + "' needs a type or a default value",
                        "write " + p.name().name() + ": int (or float, bool, [int], an enum name)");
            }
            if (p.type() != null && !BASIC_TYPES.contains(p.type().name())
                    && !(program.find(p.type().name()) instanceof Decl.Enum)) {
                error(p.type().span(), "unknown type '" + p.type().name() + "'", Suggest.hint(p.type().name(),
                        knownTypes()));
            }
            if (p.defaultValue() != null) {
                names(p.defaultValue(), scope, false);
            }
        }
        body(b, b.body(), scope, new HashMap<>(), false);
        if (b.network() && !hasInput(b.body())) {
            error(b.name().span(), "network '" + b.name().name() + "' declares no input",
                    "add a line such as: input x: [B, in_channels, *patch]");
        }
        if (b.forward() == null) {
            error(b.name().span(), (b.network() ? "network '" : "block '") + b.name().name() + "' has no forward",
                    "add forward(x) { ... return ... }");
            return;
        }
        Set<String> locals = new HashSet<>(scope);
        for (Ident p : b.forward().params()) {
            if (scope.contains(p.name())) {
                String kind = kind(b, p.name());
                error(p.span(), "input '" + p.name() + "' hides " + (kind == null ? "a name" : kind)
                        + " of the same name", "rename the input");
            } else if (!locals.add(p.name())) {
                error(p.span(), "input '" + p.name() + "' is declared twice", "give each input its own name");
            }
        }
        forward(b, b.forward().body(), locals, scope);
        if (!returns(b.forward().body())) {
            missingReturn(b);
        }
    }

    /** Points at an 'if' that returns on one branch only (the usual cause), else at forward. */
    private void missingReturn(Decl.Block b) {
        ForwardStmt.If partial = partialReturn(b.forward().body());
        // In an else-if chain, the last 'if' is the one whose 'else' is missing.
        while (partial != null && returns(partial.then()) && partialReturn(partial.otherwise()) != null) {
            partial = partialReturn(partial.otherwise());
        }
        if (partial == null) {
            error(b.forward().span(), "forward of " + b.name().name() + " returns nothing",
                    "end forward with: return <value>");
        } else {
            error(partial.span(), "forward of " + b.name().name() + " returns nothing when this condition is "
                    + (returns(partial.then()) ? "false" : "true"),
                    "add a return after the 'if', or an 'else' branch that returns");
        }
    }

    /** The last 'if' among statements that returns on one of its branches only, or null. */
    private static ForwardStmt.If partialReturn(List<ForwardStmt> stmts) {
        ForwardStmt.If partial = null;
        for (ForwardStmt s : stmts) {
            if (s instanceof ForwardStmt.If i && (returns(i.then()) || returns(i.otherwise()))) {
                partial = i;
            }
        }
        return partial;
    }

    /** What a name of a block's scope is, for messages: "a parameter", "a child", "a constant". */
    private static String kind(Decl.Block b, String name) {
        return isParam(b, name) ? "a parameter" : kind(b.body(), name);
    }

    private static String kind(List<BodyStmt> body, String name) {
        for (BodyStmt s : body) {
            if (s instanceof BodyStmt.Let l && l.name().name().equals(name)) {
                return "a constant";
            }
            if (s instanceof BodyStmt.Child c && c.name().name().equals(name)) {
                return "a child";
            }
            if (s instanceof BodyStmt.If i) {
                String k = kind(i.then(), name);
                if (k == null) {
                    k = kind(i.otherwise(), name);
                }
                if (k != null) {
                    return k;
                }
            }
        }
        return null;
    }

    private Set<String> knownTypes() {
        Set<String> types = new TreeSet<>(BASIC_TYPES);
        program.decls().forEach((n, d) -> {
            if (d instanceof Decl.Enum) {
                types.add(n);
            }
        });
        return types;
    }

    private static boolean hasInput(List<BodyStmt> body) {
        for (BodyStmt s : body) {
            if (s instanceof BodyStmt.Input
                    || (s instanceof BodyStmt.If i && (hasInput(i.then()) || hasInput(i.otherwise())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Walks a body; {@code declared} are names declared on this path and where (for duplicate detection). Inputs
     * are kept apart from the block's names as "input x".
     */
    private void body(Decl.Block b, List<BodyStmt> stmts, Set<String> scope, Map<String, Span> declared,
            boolean nested) {
        for (BodyStmt s : stmts) {
            if (s instanceof BodyStmt.Let l) {
                names(l.value(), scope, false);
                declare(b, l.name(), scope, declared);
            } else if (s instanceof BodyStmt.Child c) {
                names(c.value(), scope, false);
                declare(b, c.name(), scope, declared);
            } else if (s instanceof BodyStmt.If i) {
                names(i.condition(), scope, false);
                Set<String> thenScope = new HashSet<>(scope);
                Set<String> elseScope = new HashSet<>(scope);
                Map<String, Span> thenDeclared = new HashMap<>(declared);
                Map<String, Span> elseDeclared = new HashMap<>(declared);
                body(b, i.then(), thenScope, thenDeclared, true);
                body(b, i.otherwise(), elseScope, elseDeclared, true);
                // Names declared under a condition may recur under another (exclusive) one; elaboration catches
                // the case where both conditions hold.
                scope.addAll(thenScope);
                scope.addAll(elseScope);
            } else if (s instanceof BodyStmt.Require r) {
                names(r.condition(), scope, false);
            } else if (s instanceof BodyStmt.InitRule rule) {
                for (BodyStmt.InitField f : rule.fields()) {
                    names(f.value(), scope, false);
                }
            } else if (s instanceof BodyStmt.Input in) {
                names(in.shape(), scope, true);
                if (!b.network()) {
                    error(in.span(), "block '" + b.name().name() + "' declares an input; only networks do",
                            "a block receives its inputs as parameters of forward(...)");
                }
                Span first = declared.putIfAbsent("input " + in.name().name(), in.name().span());
                if (first != null) {
                    diagnostics.report(Diagnostic.error(in.name().span(), "input '" + in.name().name()
                            + "' is declared twice").withNote("first declared at " + first.location()));
                }
            }
        }
    }

    private void declare(Decl.Block b, Ident name, Set<String> scope, Map<String, Span> declared) {
        Decl.Param param = b.params().stream().filter(p -> p.name().name().equals(name.name())).findFirst()
                .orElse(null);
        Span first = param != null ? param.name().span() : declared.get(name.name());
        if (first != null) {
            diagnostics.report(Diagnostic.error(name.span(), "'" + name.name() + "' is already "
                    + (param != null ? "a parameter" : kind(b, name.name())) + " of " + b.name().name())
                    .withNote("first declared at " + first.location())
                    .withHelp("names in a block must be unique; they become weight names"));
        }
        declared.putIfAbsent(name.name(), name.span());
        scope.add(name.name());
    }

    private static boolean isParam(Decl.Block b, String name) {
        return b.params().stream().anyMatch(p -> p.name().name().equals(name));
    }

    private void forward(Decl.Block b, List<ForwardStmt> stmts, Set<String> locals, Set<String> blockScope) {
        for (ForwardStmt s : stmts) {
            if (s instanceof ForwardStmt.Assign a) {
                names(a.value(), locals, true);
                for (Ident t : a.targets()) {
                    if (blockScope.contains(t.name())) {
                        String kind = kind(b, t.name());
                        error(t.span(), "cannot assign to '" + t.name() + "': it is "
                                + (kind == null ? "a name" : kind) + " of " + b.name().name(),
                                "choose another local name");
                    }
                    locals.add(t.name());
                }
            } else if (s instanceof ForwardStmt.If i) {
                names(i.condition(), locals, true);
                Set<String> thenLocals = new HashSet<>(locals);
                Set<String> elseLocals = new HashSet<>(locals);
                forward(b, i.then(), thenLocals, blockScope);
                forward(b, i.otherwise(), elseLocals, blockScope);
                // A name assigned on both paths is defined afterwards.
                for (String n : thenLocals) {
                    if (elseLocals.contains(n) || returns(i.otherwise())) {
                        locals.add(n);
                    }
                }
                if (returns(i.then())) {
                    locals.addAll(elseLocals);
                }
            } else if (s instanceof ForwardStmt.Return r) {
                for (Expr e : r.values()) {
                    names(e, locals, true);
                }
            }
        }
    }

    private static boolean returns(List<ForwardStmt> stmts) {
        for (ForwardStmt s : stmts) {
            if (s instanceof ForwardStmt.Return) {
                return true;
            }
            if (s instanceof ForwardStmt.If i && returns(i.then()) && returns(i.otherwise())) {
                return true;
            }
        }
        return false;
    }

    /** Reports names that resolve to nothing. */
    private void names(Expr e, Set<String> scope, boolean batchAllowed) {
        if (e instanceof Expr.Name n) {
            String name = n.name();
            if (scope.contains(name) || !program.enumsOfConstant(name).isEmpty() || name.equals("B")
                    || Builtins.isBareInitialiser(name)) {
                return;
            }
            Set<String> candidates = new TreeSet<>(scope);
            program.decls().forEach((k, d) -> {
                if (d instanceof Decl.Enum en) {
                    en.constants().forEach(c -> candidates.add(c.name()));
                }
            });
            unknown(name, n.span(), "unknown name '" + name + "'", Suggest.hint(name, candidates));
        } else if (e instanceof Expr.Call c) {
            if (c.callee() instanceof Expr.Name n && !scope.contains(n.name())) {
                String fn = n.name();
                if (!(program.find(fn) instanceof Decl.Block) && !Primitives.isPrimitive(fn)
                        && Builtins.function(fn) == null) {
                    Set<String> known = new TreeSet<>(Builtins.functionNames());
                    known.addAll(Primitives.names());
                    program.decls().forEach((k, d) -> {
                        if (d instanceof Decl.Block) {
                            known.add(k);
                        }
                    });
                    known.addAll(scope);
                    unknown(fn, n.span(), "unknown block, layer or function '" + fn + "'", Suggest.hint(fn, known));
                }
            } else {
                names(c.callee(), scope, batchAllowed);
            }
            for (Expr.Arg a : c.args()) {
                names(a.value(), scope, batchAllowed);
            }
        } else if (e instanceof Expr.Comprehension c) {
            names(c.source(), scope, batchAllowed);
            if (scope.contains(c.variable().name())) {
                // Generated code declares the variable beside the name it would hide.
                error(c.variable().span(), "comprehension variable '" + c.variable().name() + "' has the name of a"
                        + " parameter, constant or child of this block", "rename the variable");
            }
            Set<String> inner = new HashSet<>(scope);
            inner.add(c.variable().name());
            names(c.element(), inner, batchAllowed);
        } else if (e instanceof Expr.ListLit l) {
            l.items().forEach(i -> names(i.value(), scope, batchAllowed));
        } else if (e instanceof Expr.Index i) {
            names(i.target(), scope, batchAllowed);
            names(i.index(), scope, batchAllowed);
        } else if (e instanceof Expr.Unary u) {
            names(u.operand(), scope, batchAllowed);
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), scope, batchAllowed);
            names(b.right(), scope, batchAllowed);
        } else if (e instanceof Expr.Conditional c) {
            names(c.condition(), scope, batchAllowed);
            names(c.then(), scope, batchAllowed);
            names(c.otherwise(), scope, batchAllowed);
        } else if (e instanceof Expr.Member m) {
            if (m.target() instanceof Expr.Name n && !scope.contains(n.name())
                    && program.find(n.name()) instanceof Decl.Enum en) {
                List<String> constants = en.constants().stream().map(c -> c.name()).toList();
                if (!constants.contains(m.name())) {
                    String hint = Suggest.hint(m.name(), constants);
                    unknown(m.name(), m.span(), "enum " + en.name().name() + " has no constant '" + m.name() + "'",
                            hint != null ? hint : "its constants are " + String.join(", ", constants));
                }
                return;
            }
            names(m.target(), scope, batchAllowed);
        }
    }

    /** Blocks that instantiate themselves, directly or through others. */
    private void cycles() {
        Map<String, Map<String, Span>> uses = new LinkedHashMap<>();
        program.decls().forEach((name, d) -> {
            if (d instanceof Decl.Block b) {
                Map<String, Span> called = new LinkedHashMap<>();
                collectCalls(b.body(), called);
                uses.put(name, called);
            }
        });
        Set<String> reported = new HashSet<>();
        for (String start : uses.keySet()) {
            List<String> path = new ArrayList<>();
            findCycle(start, start, uses, path, new HashSet<>(), reported);
        }
    }

    private boolean findCycle(String start, String current, Map<String, Map<String, Span>> uses, List<String> path,
            Set<String> visited, Set<String> reported) {
        if (path.size() >= SizeLimits.MAX_BLOCK_DEPTH) {
            // Deeper nesting is refused by the elaborator, which names the limit; going on would overflow the stack.
            return false;
        }
        path.add(current);
        for (var e : uses.getOrDefault(current, Map.of()).entrySet()) {
            if (e.getKey().equals(start)) {
                if (reported.add(start)) {
                    List<String> chain = new ArrayList<>(path);
                    chain.add(start);
                    // One cycle, one error: not again from each block on it.
                    reported.addAll(chain);
                    error(e.getValue(), "block " + start + " contains itself: " + String.join(" → ", chain),
                            "a block cannot be a descendant of itself");
                }
                return true;
            }
            if (visited.add(e.getKey()) && findCycle(start, e.getKey(), uses, path, visited, reported)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private void collectCalls(List<BodyStmt> body, Map<String, Span> out) {
        for (BodyStmt s : body) {
            if (s instanceof BodyStmt.Child c) {
                collectCalls(c.value(), out);
            } else if (s instanceof BodyStmt.If i) {
                collectCalls(i.then(), out);
                collectCalls(i.otherwise(), out);
            }
        }
    }

    private void collectCalls(Expr e, Map<String, Span> out) {
        if (e instanceof Expr.Call c) {
            if (c.callee() instanceof Expr.Name n && program.find(n.name()) instanceof Decl.Block) {
                out.putIfAbsent(n.name(), n.span());
            }
            c.args().forEach(a -> collectCalls(a.value(), out));
        } else if (e instanceof Expr.ListLit l) {
            l.items().forEach(i -> collectCalls(i.value(), out));
        } else if (e instanceof Expr.Comprehension c) {
            collectCalls(c.element(), out);
        } else if (e instanceof Expr.Conditional c) {
            collectCalls(c.then(), out);
            collectCalls(c.otherwise(), out);
        } else if (e instanceof Expr.Binary b) {
            collectCalls(b.left(), out);
            collectCalls(b.right(), out);
        }
    }

    /** The first use of an unknown name in a block is reported; the others are listed in a note. */
    private void unknown(String name, Span span, String message, String help) {
        Unknown first = unknownNames.putIfAbsent(name, new Unknown(Diagnostic.error(span, message).withHelp(help),
                new ArrayList<>()));
        if (first != null) {
            first.otherUses().add(span);
        }
    }

    private record Unknown(Diagnostic diagnostic, List<Span> otherUses) {}

    private void reportUnknownNames() {
        for (Unknown u : unknownNames.values()) {
            Diagnostic d = u.diagnostic();
            if (!u.otherUses().isEmpty()) {
                List<String> lines = u.otherUses().stream().map(s -> Integer.toString(s.line())).distinct().toList();
                d = d.withNote("also used on " + (lines.size() == 1 ? "line " + lines.get(0) : "lines "
                        + String.join(", ", lines.subList(0, lines.size() - 1)) + " and " + lines.get(lines.size() - 1)));
            }
            diagnostics.report(d);
            u.otherUses().forEach(diagnostics::cover);
        }
        unknownNames.clear();
    }

    private void error(Span span, String message) {
        diagnostics.report(Diagnostic.error(span, message));
    }

    private void error(Span span, String message, String help) {
        diagnostics.report(Diagnostic.error(span, message).withHelp(help));
    }

}
