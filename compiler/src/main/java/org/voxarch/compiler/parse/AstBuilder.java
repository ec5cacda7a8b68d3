package org.voxarch.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.ast.ForwardStmt;
import org.voxarch.compiler.ast.Ident;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Span;
import org.voxarch.grammar.ArchParser;
import org.voxarch.grammar.ArchParser.*;

/** Turns ANTLR's parse tree into the compiler's immutable records, keeping every position. */
final class AstBuilder {
    private final SourceFile source;
    private final CommonTokenStream tokens;

    AstBuilder(SourceFile source, CommonTokenStream tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    SpecFile file(FileContext ctx) {
        List<SpecFile.Import> imports = new ArrayList<>();
        for (ImportDeclContext i : ctx.importDecl()) {
            imports.add(new SpecFile.Import(span(i), unquote(i.STRING().getText())));
        }
        List<Decl> decls = new ArrayList<>();
        for (DeclContext d : ctx.decl()) {
            decls.add(decl(d));
        }
        return new SpecFile(source, imports, decls);
    }

    private Decl decl(DeclContext ctx) {
        String doc = docAbove(ctx.getStart());
        if (ctx.enumDecl() != null) {
            EnumDeclContext e = ctx.enumDecl();
            List<Ident> constants = new ArrayList<>();
            for (TerminalNode id : e.ID()) {
                if (id.getSymbol() != e.name) {
                    constants.add(ident(id.getSymbol()));
                }
            }
            return new Decl.Enum(span(e), ident(e.name), constants, doc);
        }
        if (ctx.blockDecl() != null) {
            BlockDeclContext b = ctx.blockDecl();
            return block(b, b.name, false, b.paramList(), b.body(), doc);
        }
        if (ctx.networkDecl() != null) {
            NetworkDeclContext n = ctx.networkDecl();
            return block(n, n.name, true, n.paramList(), n.body(), doc);
        }
        if (ctx.variantDecl() != null) {
            VariantDeclContext v = ctx.variantDecl();
            List<Decl.Override> overrides = new ArrayList<>();
            List<Decl.Replacement> replacements = new ArrayList<>();
            changes(v.override(), overrides, replacements);
            return new Decl.Variant(span(v), ident(v.name), ident(v.base), args(v.argList()), overrides,
                    replacements, doc);
        }
        GridDeclContext g = ctx.gridDecl();
        List<Decl.Axis> axes = new ArrayList<>();
        for (AxisContext a : g.axis()) {
            List<List<String>> targets = new ArrayList<>();
            List<Span> spans = new ArrayList<>();
            for (DottedNameContext d : a.dottedName()) {
                targets.add(dotted(d));
                spans.add(span(d));
            }
            axes.add(new Decl.Axis(spans.get(0), targets, spans, expr(a.expr())));
        }
        List<Decl.Override> overrides = new ArrayList<>();
        List<Decl.Replacement> replacements = new ArrayList<>();
        changes(g.override(), overrides, replacements);
        return new Decl.Grid(span(g), ident(g.name), ident(g.base), args(g.argList()), axes, overrides,
                replacements, doc);
    }

    /** The contents of {@code with { ... }}: parameter overrides ({@code =}) and child replacements ({@code :=}). */
    private void changes(List<OverrideContext> list, List<Decl.Override> overrides,
            List<Decl.Replacement> replacements) {
        for (OverrideContext o : list) {
            if (o.op.getText().equals(":=")) {
                replacements.add(new Decl.Replacement(span(o.target), dotted(o.target), expr(o.expr())));
            } else {
                overrides.add(new Decl.Override(span(o.target), dotted(o.target), expr(o.expr())));
            }
        }
    }

    private Decl.Block block(ParserRuleContext ctx, Token name, boolean network, ParamListContext params,
            BodyContext body, String doc) {
        List<Decl.Param> ps = new ArrayList<>();
        if (params != null) {
            for (ParamContext p : params.param()) {
                Decl.TypeRef type = p.type() == null ? null : type(p.type());
                ps.add(new Decl.Param(span(p), ident(p.name), type, p.expr() == null ? null : expr(p.expr())));
            }
        }
        List<BodyStmt> stmts = new ArrayList<>();
        Decl.Forward forward = null;
        for (BodyStmtContext s : body.bodyStmt()) {
            if (s instanceof ForwardDeclContext f) {
                if (forward != null) {
                    throw new SyntaxProblem(span(f), "a block has one forward; this is a second one");
                }
                forward = forward(f);
            } else {
                stmts.add(bodyStmt(s));
            }
        }
        return new Decl.Block(span(ctx), ident(name), network, ps, stmts, forward, doc);
    }

    private Decl.TypeRef type(TypeContext ctx) {
        int depth = 0;
        TypeContext t = ctx;
        while (t instanceof ListTypeContext l) {
            depth++;
            t = l.type();
        }
        return new Decl.TypeRef(span(ctx), ((NamedTypeContext) t).ID().getText(), depth);
    }

    private Decl.Forward forward(ForwardDeclContext f) {
        List<Ident> params = new ArrayList<>();
        for (TerminalNode id : f.ID()) {
            params.add(ident(id.getSymbol()));
        }
        return new Decl.Forward(span(f), params, forwardStmts(f.forwardStmt()));
    }

    private List<BodyStmt> bodyStmts(List<BodyStmtContext> list) {
        List<BodyStmt> out = new ArrayList<>();
        for (BodyStmtContext s : list) {
            if (s instanceof ForwardDeclContext f) {
                throw new SyntaxProblem(span(f), "forward must be at the top level of a block, not inside 'if'");
            }
            out.add(bodyStmt(s));
        }
        return out;
    }

    private BodyStmt bodyStmt(BodyStmtContext s) {
        if (s instanceof LetStmtContext l) {
            return new BodyStmt.Let(span(l), ident(l.name), expr(l.expr()));
        }
        if (s instanceof ChildStmtContext c) {
            return new BodyStmt.Child(span(c), ident(c.name), expr(c.expr()));
        }
        if (s instanceof IfBodyStmtContext i) {
            return new BodyStmt.If(span(i), expr(i.expr()), bodyStmts(i.bodyStmt()), elseBody(i.elseBody()));
        }
        if (s instanceof RequireStmtContext r) {
            return new BodyStmt.Require(span(r), expr(r.expr()), r.STRING() == null ? null : unquote(r.STRING().getText()));
        }
        if (s instanceof InitStmtContext i) {
            List<BodyStmt.InitField> fields = new ArrayList<>();
            for (InitFieldContext f : i.initField()) {
                fields.add(new BodyStmt.InitField(span(f), ident(f.name), expr(f.expr())));
            }
            return new BodyStmt.InitRule(span(i), ident(i.typeName), fields);
        }
        InputStmtContext in = (InputStmtContext) s;
        return new BodyStmt.Input(span(in), ident(in.name), expr(in.expr()));
    }

    private List<BodyStmt> elseBody(ElseBodyContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        if (ctx.ifBodyStmtOnly() != null) {
            IfBodyStmtOnlyContext i = ctx.ifBodyStmtOnly();
            return List.of(new BodyStmt.If(span(i), expr(i.expr()), bodyStmts(i.bodyStmt()), elseBody(i.elseBody())));
        }
        return bodyStmts(ctx.bodyStmt());
    }

    private List<ForwardStmt> forwardStmts(List<ForwardStmtContext> list) {
        List<ForwardStmt> out = new ArrayList<>();
        for (ForwardStmtContext s : list) {
            out.add(forwardStmt(s));
        }
        return out;
    }

    private ForwardStmt forwardStmt(ForwardStmtContext s) {
        if (s instanceof AssignStmtContext a) {
            List<Ident> targets = new ArrayList<>();
            for (TerminalNode id : a.ID()) {
                targets.add(ident(id.getSymbol()));
            }
            return new ForwardStmt.Assign(span(a), targets, expr(a.expr()));
        }
        if (s instanceof IfForwardStmtContext i) {
            return new ForwardStmt.If(span(i), expr(i.expr()), forwardStmts(i.forwardStmt()), forwardElse(i.forwardElse()));
        }
        ReturnStmtContext r = (ReturnStmtContext) s;
        List<Expr> values = new ArrayList<>();
        for (ExprContext e : r.expr()) {
            values.add(expr(e));
        }
        return new ForwardStmt.Return(span(r), values);
    }

    private List<ForwardStmt> forwardElse(ForwardElseContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        if (ctx.ifForwardOnly() != null) {
            IfForwardOnlyContext i = ctx.ifForwardOnly();
            return List.of(new ForwardStmt.If(span(i), expr(i.expr()), forwardStmts(i.forwardStmt()),
                    forwardElse(i.forwardElse())));
        }
        return forwardStmts(ctx.forwardStmt());
    }

    private Expr expr(ExprContext e) {
        Span sp = span(e);
        if (e instanceof CallExprContext c) {
            return new Expr.Call(sp, expr(c.expr()), args(c.argList()));
        }
        if (e instanceof IndexExprContext i) {
            return new Expr.Index(sp, expr(i.expr(0)), expr(i.expr(1)));
        }
        if (e instanceof MemberExprContext m) {
            return new Expr.Member(sp, expr(m.expr()), m.ID().getText());
        }
        if (e instanceof PowerExprContext p) {
            return new Expr.Binary(opSpan(p.op), "**", expr(p.expr(0)), expr(p.expr(1)));
        }
        if (e instanceof UnaryExprContext u) {
            return new Expr.Unary(sp, u.op.getText(), expr(u.expr()));
        }
        if (e instanceof MulExprContext m) {
            return binary(sp, m.op, m.expr(0), m.expr(1));
        }
        if (e instanceof AddExprContext a) {
            return binary(sp, a.op, a.expr(0), a.expr(1));
        }
        if (e instanceof CompareExprContext c) {
            return binary(sp, c.op, c.expr(0), c.expr(1));
        }
        if (e instanceof AndExprContext a) {
            return binary(sp, a.op, a.expr(0), a.expr(1));
        }
        if (e instanceof OrExprContext o) {
            return binary(sp, o.op, o.expr(0), o.expr(1));
        }
        if (e instanceof CondExprContext c) {
            return new Expr.Conditional(sp, expr(c.expr(0)), expr(c.expr(1)), expr(c.expr(2)));
        }
        if (e instanceof ComprehensionExprContext c) {
            return new Expr.Comprehension(sp, expr(c.element), ident(c.var), expr(c.source));
        }
        if (e instanceof ListExprContext l) {
            List<Expr.ListItem> items = new ArrayList<>();
            for (ListItemContext item : l.listItem()) {
                if (item instanceof SpreadItemContext s) {
                    items.add(new Expr.ListItem(expr(s.expr()), true));
                } else {
                    items.add(new Expr.ListItem(expr(((PlainItemContext) item).expr()), false));
                }
            }
            return new Expr.ListLit(sp, items);
        }
        if (e instanceof ParenExprContext p) {
            return expr(p.expr());
        }
        if (e instanceof IntLiteralContext i) {
            try {
                return new Expr.IntLit(sp, Long.parseLong(i.getText()));
            } catch (NumberFormatException ex) {
                throw new SyntaxProblem(sp, "integer " + i.getText() + " is too large");
            }
        }
        if (e instanceof FloatLiteralContext f) {
            return new Expr.FloatLit(sp, Double.parseDouble(f.getText()));
        }
        if (e instanceof BoolLiteralContext b) {
            return new Expr.BoolLit(sp, b.getText().equals("true"));
        }
        if (e instanceof StringLiteralContext s) {
            return new Expr.StringLit(sp, unquote(s.getText()));
        }
        return new Expr.Name(sp, ((NameExprContext) e).ID().getText());
    }

    private Expr binary(Span whole, Token op, ExprContext left, ExprContext right) {
        // Binary errors (shape or type) are best shown at the operator, with the operands around it.
        return new Expr.Binary(opSpan(op), op.getText(), expr(left), expr(right));
    }

    private List<Expr.Arg> args(ArgListContext ctx) {
        List<Expr.Arg> out = new ArrayList<>();
        if (ctx == null) {
            return out;
        }
        for (ArgContext a : ctx.arg()) {
            out.add(new Expr.Arg(span(a), a.argName() == null ? null : a.argName().getText(), expr(a.expr())));
        }
        return out;
    }

    private List<String> dotted(DottedNameContext ctx) {
        List<String> parts = new ArrayList<>();
        for (NameSegmentContext s : ctx.nameSegment()) {
            parts.add(s.getText());
        }
        return parts;
    }

    private String docAbove(Token start) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(start.getTokenIndex(), 2);
        if (hidden == null) {
            return "";
        }
        // Only the doc lines directly above the declaration: a blank line ends a block of /// comments.
        List<String> lines = new ArrayList<>();
        int expectedLine = start.getLine() - 1;
        for (int i = hidden.size() - 1; i >= 0; i--) {
            Token t = hidden.get(i);
            if (t.getLine() != expectedLine) {
                break;
            }
            lines.add(0, t.getText().substring(3).strip());
            expectedLine--;
        }
        return String.join("\n", lines).strip();
    }

    private Ident ident(Token t) {
        return new Ident(new Span(source, t.getLine(), t.getCharPositionInLine() + 1, t.getText().length()), t.getText());
    }

    private Span opSpan(Token t) {
        return new Span(source, t.getLine(), t.getCharPositionInLine() + 1, t.getText().length());
    }

    private Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null ? start : ctx.getStop();
        int length = stop.getStopIndex() - start.getStartIndex() + 1;
        return new Span(source, start.getLine(), start.getCharPositionInLine() + 1, Math.max(1, length));
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
