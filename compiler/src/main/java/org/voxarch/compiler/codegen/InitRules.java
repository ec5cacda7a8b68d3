package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ir.Expr;

/** A block's {@code init Linear { weight = trunc_normal(0.02) ... }}: a loop over the layers of that type. */
final class InitRules {
    private InitRules() {
    }

    static void write(BlockIr.InitRule rule, CodeLines out, BlockCode code) {
        String type = rule.typeName();
        String layer = code.locals.fresh("layer");
        out.open(JavaRefs.INIT + "forEach(this, " + JavaRefs.module(type) + ".class, " + layer + " ->");
        for (BlockIr.InitField f : rule.fields()) {
            String tensor = layer + "." + f.name() + "()";
            String call = initCall(f.value(), tensor, code);
            if (call == null) {
                continue;
            }
            if (f.name().equals("bias")) {
                out.line("if (" + tensor + " != null) {");
                out.line("    " + call + ";");
                out.line("}");
            } else {
                out.line(call + ";", f.span().lineRef());
            }
        }
        out.closeWith("});");
    }

    /**
     * The initialiser an expression names ({@code zeros}, or {@code trunc_normal} of {@code trunc_normal(0.02)},
     * whose arguments are added to {@code args} as doubles), or null when it names none.
     */
    static String initialiser(Expr value, List<String> args, BlockCode code) {
        if (value instanceof Expr.Ref r) {
            return r.name();
        }
        if (value instanceof Expr.BuiltinCall c) {
            for (Expr.Arg a : c.args()) {
                args.add(code.tx.doubleArg(a.value(), code.scope));
            }
            return c.name();
        }
        return null;
    }

    private static String initCall(Expr value, String tensor, BlockCode code) {
        List<String> args = new ArrayList<>();
        String name = initialiser(value, args, code);
        if (name == null) {
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
