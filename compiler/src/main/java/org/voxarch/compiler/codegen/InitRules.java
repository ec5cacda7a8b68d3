package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.BodyStmt;
import org.voxarch.compiler.ast.Expr;

/** A block's {@code init Linear { weight = trunc_normal(0.02) ... }}: a loop over the layers of that type. */
final class InitRules {
    private InitRules() {
    }

    static void write(BodyStmt.InitRule rule, CodeLines out, BlockCode code) {
        String type = rule.type().name();
        String layer = code.locals.fresh("layer");
        out.open(JavaRefs.INIT + "forEach(this, " + JavaRefs.module(type) + ".class, " + layer + " ->");
        for (BodyStmt.InitField f : rule.fields()) {
            String tensor = layer + "." + f.name().name() + "()";
            String call = initCall(f.value(), tensor, code);
            if (call == null) {
                continue;
            }
            if (f.name().name().equals("bias")) {
                out.line("if (" + tensor + " != null) {");
                out.line("    " + call + ";");
                out.line("}");
            } else {
                out.line(call + ";", f.span().lineRef());
            }
        }
        out.closeWith("});");
    }

    private static String initCall(Expr value, String tensor, BlockCode code) {
        String name;
        List<String> args = new ArrayList<>();
        if (value instanceof Expr.Name n) {
            name = n.name();
        } else if (value instanceof Expr.Call c && c.callee() instanceof Expr.Name n) {
            name = n.name();
            for (Expr.Arg a : c.args()) {
                args.add(code.tx.doubleArg(a.value(), code.scope));
            }
        } else {
            return null;
        }
        String all = args.isEmpty() ? "" : ", " + String.join(", ", args);
        return switch (name) {
            case "zeros" -> JavaRefs.INIT + "zeros(" + tensor + ")";
            case "ones" -> JavaRefs.INIT + "ones(" + tensor + ")";
            case "constant" -> JavaRefs.INIT + "constant(" + tensor + all + ")";
            case "uniform" -> JavaRefs.INIT + "uniform(" + tensor + all + ")";
            case "normal" -> args.size() == 1 ? JavaRefs.INIT + "normal(" + tensor + ", 0.0" + all + ")"
                    : JavaRefs.INIT + "normal(" + tensor + all + ")";
            case "trunc_normal" -> JavaRefs.INIT + "truncNormal(" + tensor + all + ")";
            default -> null;
        };
    }
}
