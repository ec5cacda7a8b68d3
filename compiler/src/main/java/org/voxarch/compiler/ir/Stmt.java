package org.voxarch.compiler.ir;

import java.util.List;
import org.voxarch.compiler.diag.Span;

/**
 * A forward statement. Statements that hold other statements say so through {@link Compound}, so walkers that only
 * need to reach every statement (which names are assigned, which statements ran) handle a new kind of block
 * statement, such as a loop, without a change.
 */
public sealed interface Stmt {
    Span span();

    /** A statement with nested bodies. */
    sealed interface Compound extends Stmt {
        /** The nested bodies, in source order. */
        List<List<Stmt>> bodies();
    }

    /** {@code a = expr} or {@code a, b = expr} (destructuring several outputs). */
    record Assign(Span span, List<String> targets, Expr value) implements Stmt {
        public Assign {
            targets = List.copyOf(targets);
        }
    }

    record If(Span span, Expr condition, List<Stmt> then, List<Stmt> otherwise) implements Compound {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        public List<List<Stmt>> bodies() {
            return List.of(then, otherwise);
        }
    }

    record Return(Span span, List<Expr> values) implements Stmt {
        public Return {
            values = List.copyOf(values);
        }
    }
}
