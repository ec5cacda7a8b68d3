package org.voxarch.compiler.eval;

import org.voxarch.compiler.model.Value;

/** Shapes of elaborated values as text, for reports and generated comments. */
public final class ElaborationText {
    private ElaborationText() {
    }

    /** {@code [B, 32, 64, 64]}, or several joined with ", ". */
    public static String shapes(Value v) {
        return ForwardRunner.shapeText(v);
    }
}
