package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Render;
import org.voxarch.compiler.builtins.Builtin;
import org.voxarch.compiler.builtins.Builtins;
import org.voxarch.compiler.builtins.Exponents;
import org.voxarch.compiler.builtins.Primitives;
import org.voxarch.compiler.resolve.Program;

/**
 * Lowers spec expressions to the IR: resolves each name against the block's names, the program's enums and the
 * builtin registry, and types each node (builtins by their registry entry's type rule).
 */
final class ExprLowering {
    private final Program program;
    private final ModuleTypes moduleTypes;
    /** Comprehension variables that only iterate natural ranges (for {@code **}). */
    private final Set<String> naturalLoopVariables;

    ExprLowering(Program program) {
        this.program = program;
        this.moduleTypes = new ModuleTypes(program);
        this.naturalLoopVariables = Exponents.loopVariables(program.decls().values());
    }

    ModuleTypes moduleTypes() {
        return moduleTypes;
    }

    /** {@code e} where a value of type {@code expected} is wanted: that settles a constant several enums declare. */
    Expr lower(org.voxarch.compiler.ast.Expr e, Names names, Type expected) {
        String shared = sharedConstant(e, names);
        if (shared != null && expected instanceof Type.Enum en) {
            return new Expr.EnumConst(e.span(), en, shared, true);
        }
        return lower(e, names);
    }

    Expr lower(org.voxarch.compiler.ast.Expr e, Names names) {
        if (e instanceof org.voxarch.compiler.ast.Expr.IntLit i) {
            return new Expr.IntLit(i.span(), i.value());
        } else if (e instanceof org.voxarch.compiler.ast.Expr.FloatLit f) {
            return new Expr.FloatLit(f.span(), f.value());
        } else if (e instanceof org.voxarch.compiler.ast.Expr.BoolLit b) {
            return new Expr.BoolLit(b.span(), b.value());
        } else if (e instanceof org.voxarch.compiler.ast.Expr.StringLit s) {
            return new Expr.StrLit(s.span(), s.value());
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Name n) {
            return name(n, names);
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Member m
                && m.target() instanceof org.voxarch.compiler.ast.Expr.Name n
                && program.find(n.name()) instanceof Decl.Enum en) {
            return new Expr.EnumConst(m.span(), Type.enumType(en.name().name()), m.name(), false);
        } else if (e instanceof org.voxarch.compiler.ast.Expr.ListLit l) {
            return list(l, names);
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Comprehension c) {
            Names inner = new Names(names);
            inner.put(c.variable().name(), Type.INT, Expr.Binding.LOOP);
            Expr element = lower(c.element(), inner);
            Type t = element.type() instanceof Type.Float || element.type() instanceof Type.Bool
                    ? Type.listOf(element.type()) : Type.listOf(Type.INT);
            return new Expr.Comprehension(c.span(), t, c.variable().name(), element, lower(c.source(), names));
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Conditional c) {
            Expr a = lower(c.then(), names);
            Expr b = lower(c.otherwise(), names);
            Type t = a.type().equals(b.type()) ? a.type()
                    : a.type().isNumber() && b.type().isNumber() ? Type.FLOAT : a.type();
            return new Expr.Conditional(c.span(), t, lower(c.condition(), names), a, b);
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Unary u) {
            Builtin op = Builtins.unary(u.op());
            Expr operand = lower(u.operand(), names);
            return new Expr.Unary(u.span(), BuiltinTypes.result(op, List.of(operand.type()), u.span(),
                    List.of(u.operand()), false), u.op(), op, operand);
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Binary b) {
            return binary(b, names);
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Index i) {
            Expr target = lower(i.target(), names);
            return new Expr.Index(i.span(), target.type().element(), target, lower(i.index(), names));
        } else if (e instanceof org.voxarch.compiler.ast.Expr.Call c) {
            return call(c, names);
        }
        return new Expr.Unresolved(e.span(), Render.expr(e));
    }

    private Expr name(org.voxarch.compiler.ast.Expr.Name n, Names names) {
        Resolver.Resolved sym = names.get(n.name());
        if (sym != null) {
            return new Expr.Ref(n.span(), sym.type(), n.name(), sym.binding());
        }
        Decl.Enum en = program.enumOfConstant(n.name());
        if (en != null) {
            return new Expr.EnumConst(n.span(), Type.enumType(en.name().name()), n.name(), false);
        }
        if (Builtins.isBareInitialiser(n.name())) {
            return new Expr.Ref(n.span(), Type.INIT, n.name(), Expr.Binding.INITIALISER);
        }
        // A constant of several enums with nothing here to settle it, or a name the checker reported.
        return new Expr.Unresolved(n.span(), n.name());
    }

    private Expr list(org.voxarch.compiler.ast.Expr.ListLit l, Names names) {
        List<Expr.Item> items = new ArrayList<>();
        Type element = Type.INT;
        boolean spread = false;
        boolean tensors = false;
        Type module = null;
        for (org.voxarch.compiler.ast.Expr.ListItem item : l.items()) {
            Expr value = lower(item.value(), names);
            items.add(new Expr.Item(value, item.spread()));
            Type t = value.type();
            if (item.spread()) {
                spread = true;
            } else if (t.isTensor()) {
                tensors = true;
            } else if (t instanceof Type.Float || t instanceof Type.Bool) {
                element = t;
            } else if (t instanceof Type.Module) {
                module = module == null ? t : moduleTypes.common(module, t);
            }
        }
        // Splices make a list of ints ([B, c, *patch]); a literal list of tensors is several tensors.
        Type type = tensors ? Type.TENSORS : spread ? Type.listOf(Type.INT)
                : module != null ? Type.listOf(module) : Type.listOf(element);
        return new Expr.ListLit(l.span(), type, items);
    }

    private Expr binary(org.voxarch.compiler.ast.Expr.Binary b, Names names) {
        String op = b.op();
        boolean leftShared = sharedConstant(b.left(), names) != null;
        boolean rightShared = sharedConstant(b.right(), names) != null;
        Builtin operator = Builtins.binary(op);
        if ((op.equals("==") || op.equals("!=")) && (leftShared || rightShared)) {
            // The bare constant takes the other side's enum.
            Expr other = lower(leftShared ? b.right() : b.left(), names);
            Expr constant = lower(leftShared ? b.left() : b.right(), names, other.type());
            return new Expr.Binary(b.span(), Type.BOOL, op, operator, leftShared ? constant : other,
                    leftShared ? other : constant, false);
        }
        boolean natural = op.equals("**") && Exponents.natural(b.right(), name -> {
            Resolver.Resolved sym = names.get(name);
            return sym != null && sym.binding() == Expr.Binding.LOOP && naturalLoopVariables.contains(name);
        });
        Expr left = lower(b.left(), names);
        Expr right = lower(b.right(), names);
        Type t = BuiltinTypes.result(operator, List.of(left.type(), right.type()), b.span(),
                List.of(b.left(), b.right()), natural);
        return new Expr.Binary(b.span(), t, op, operator, left, right, natural);
    }

    /** A bare constant that several enums declare ({@code shared}), or null for any other expression. */
    private String sharedConstant(org.voxarch.compiler.ast.Expr e, Names names) {
        return e instanceof org.voxarch.compiler.ast.Expr.Name n && !names.has(n.name())
                && program.enumsOfConstant(n.name()).size() > 1 ? n.name() : null;
    }

    private Expr call(org.voxarch.compiler.ast.Expr.Call c, Names names) {
        Decl.Block block = c.callee() instanceof org.voxarch.compiler.ast.Expr.Name n && !names.has(n.name())
                && program.find(n.name()) instanceof Decl.Block b ? b : null;
        List<Expr.Arg> args = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            org.voxarch.compiler.ast.Expr.Arg a = c.args().get(i);
            // A block's parameter types settle bare constants that several enums declare.
            Type expected = block == null ? Type.UNKNOWN : parameterType(block, a.name(), i);
            args.add(new Expr.Arg(a.span(), a.name(), lower(a.value(), names, expected)));
        }
        if (c.callee() instanceof org.voxarch.compiler.ast.Expr.Name n && !names.has(n.name())) {
            return namedCall(n.name(), c, args, names);
        }
        Expr callee = lower(c.callee(), names);
        Type result = callee.type() instanceof Type.Module m && moduleTypes.returnsSeveral(m.name())
                ? Type.TENSORS : Type.TENSOR;
        return new Expr.ModuleCall(c.span(), result, callee, args);
    }

    /** The declared type of the parameter an argument binds to (by name, else by position), else unknown. */
    private Type parameterType(Decl.Block block, String name, int position) {
        Decl.Param p = null;
        if (name != null) {
            p = block.params().stream().filter(q -> q.name().name().equals(name)).findFirst().orElse(null);
        } else if (position < block.params().size()) {
            p = block.params().get(position);
        }
        if (p == null) {
            return Type.UNKNOWN;
        }
        if (p.type() != null) {
            return Type.declared(p.type().name(), p.type().listDepth());
        }
        // An untyped parameter has its default's type (an enum constant's enum, for one).
        Decl.Enum en = p.defaultValue() instanceof org.voxarch.compiler.ast.Expr.Name d
                ? program.enumOfConstant(d.name()) : null;
        return en == null ? Type.UNKNOWN : Type.enumType(en.name().name());
    }

    private Expr namedCall(String fn, org.voxarch.compiler.ast.Expr.Call c, List<Expr.Arg> args, Names names) {
        Builtin builtin = Builtins.function(fn);
        if (builtin != null && builtin.emission() != null) {
            List<Type> types = args.stream().map(a -> a.value().type()).toList();
            List<org.voxarch.compiler.ast.Expr> operands = c.args().stream()
                    .map(org.voxarch.compiler.ast.Expr.Arg::value).toList();
            return new Expr.BuiltinCall(c.span(), BuiltinTypes.result(builtin, types, c.span(), operands, false), fn,
                    builtin, args);
        }
        if (program.find(fn) instanceof Decl.Block) {
            return new Expr.Construct(c.span(), Type.module(fn), fn, Expr.ConstructKind.BLOCK, args);
        }
        if (Primitives.isPrimitive(fn)) {
            return new Expr.Construct(c.span(), Type.module(fn), fn, Expr.ConstructKind.PRIMITIVE, args);
        }
        if (fn.equals("param") || fn.equals("buffer")) {
            return new Expr.Construct(c.span(), Type.TENSOR, fn, Expr.ConstructKind.TENSOR, args);
        }
        if (fn.equals("ModuleList") || fn.equals("Sequential")) {
            Expr.Construct container = new Expr.Construct(c.span(), Type.UNKNOWN, fn, Expr.ConstructKind.CONTAINER,
                    args);
            return new Expr.Construct(c.span(), moduleTypes.of(container, names), fn, Expr.ConstructKind.CONTAINER,
                    args);
        }
        // An initialiser with arguments (trunc_normal(0.02)): it describes how a tensor is filled.
        return new Expr.BuiltinCall(c.span(), Type.INIT, fn, builtin, args);
    }
}
