package org.voxarch.compiler.ir;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/**
 * A block's forward: its tensor inputs and its statements, resolved and typed.
 *
 * @param usesBatch whether some statement reads the batch size {@code B}
 */
public record Forward(Span span, List<String> params, List<Stmt> body, boolean usesBatch) {
    public Forward {
        params = List.copyOf(params);
        body = List.copyOf(body);
    }

    /** Whether some return gives several tensors (so the forward returns an array). */
    public boolean returnsSeveral() {
        return Stmts.returnsSeveral(body);
    }
}
