package org.voxarch.compiler.eval;

import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.diag.Suggest;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/**
 * Enum constants are scoped to their enum: {@code EfMode.shared} always names one; a bare {@code shared} that
 * several enums declare takes its enum from where it is used, and is an error where nothing tells.
 */
final class EnumNames {
    private EnumNames() {
    }

    /** {@code Enum.constant}. */
    static Value qualified(Expr.Member m, Program program) {
        if (!(m.target() instanceof Expr.Name n) || !(program.find(n.name()) instanceof Decl.Enum e)) {
            throw new ArchError(m.span(), "'.' names a constant of an enum (EfMode.shared) or, in a variant, a"
                    + " parameter or child (Block.parameter)");
        }
        List<String> constants = e.constants().stream().map(c -> c.name()).toList();
        if (!constants.contains(m.name())) {
            String hint = Suggest.hint(m.name(), constants);
            throw new ArchError(m.span(), "enum " + e.name().name() + " has no constant '" + m.name() + "'")
                    .withHelp(hint != null ? hint : "its constants are " + String.join(", ", constants));
        }
        return new Value.EnumConst(e.name().name(), m.name());
    }

    /** Whether two constants are the same; comparing constants of different enums is a mistake. */
    static boolean same(Value.EnumConst x, Value.EnumConst y, Expr.Binary at) {
        boolean comparable = x.ambiguous() ? y.candidates().stream().anyMatch(x::fits)
                : y.fits(x.type());
        if (!comparable) {
            throw new ArchError(at.span(), "cannot compare " + x.describe() + " with " + y.describe());
        }
        return x.constant().equals(y.constant());
    }

    /** A value whose enum nothing settled is an error where it was written, asking for the enum's name. */
    static void requireSettled(Value v, Span at) {
        if (v instanceof Value.EnumConst c && c.ambiguous()) {
            throw new ArchError(at, "'" + c.constant() + "' is a constant of " + String.join(" and ", c.candidates())
                    + "; say which").withHelp("write " + String.join(" or ", c.candidates().stream()
                            .map(t -> t + "." + c.constant()).toList()));
        }
        if (v instanceof Value.ListOf l) {
            l.items().forEach(item -> requireSettled(item, at));
        }
    }
}
