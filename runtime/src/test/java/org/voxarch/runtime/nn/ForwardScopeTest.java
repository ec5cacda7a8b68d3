package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxarch.runtime.memory.NativeScope;

class ForwardScopeTest {
    /** What a generated forward does: temporaries, then a result built from them. */
    private static Tensor[] forward(Tensor x, Tensor[] temporaries) {
        ForwardScope scope = ForwardScope.open();
        try {
            Tensor doubled = x.add(x);
            Tensor squared = doubled.mul(doubled);
            temporaries[0] = doubled;
            return scope.keep(new Tensor[] {squared, x});
        } finally {
            scope.close();
        }
    }

    @AfterEach
    void restoreSwitch() {
        ForwardScope.enable(true);
        InPlace.enable(true);
    }

    @Test
    void temporariesDieOnReturnResultsLiveUntilTheCallersScopeCloses() {
        Tensor[] temporaries = new Tensor[1];
        Tensor[][] results = new Tensor[1][];
        Tensor input = ones(2, 3);
        NativeScope.run(() -> {
            Tensor x = input.mul(new Scalar(3.0));
            results[0] = forward(x, temporaries);
            assertTrue(temporaries[0].isNull(), "a temporary is freed when the forward returns");
            assertEquals(36.0, results[0][0].sum().item_double() / 6, 1e-9);
            assertSame(x, results[0][1], "an input returned as a result stays the caller's");
            assertFalse(x.isNull());
        });
        assertTrue(results[0][0].isNull(), "the result belongs to the caller's scope, which freed it");
        assertTrue(results[0][1].isNull(), "the input, returned, is still freed once by its own scope");
        assertFalse(input.isNull(), "a tensor made outside every scope is left alone");
        assertEquals(6.0, input.sum().item_double(), 1e-9);
    }

    @Test
    void nestedForwardsHandTheirResultsOutward() {
        Tensor[] inner = new Tensor[1];
        Tensor[] outerTemp = new Tensor[1];
        Tensor[] kept = new Tensor[1];
        NativeScope.run(() -> {
            ForwardScope scope = ForwardScope.open();
            Tensor result;
            try {
                Tensor y = forward(ones(2), inner)[0];
                outerTemp[0] = y.neg();
                result = scope.keep(y.add(outerTemp[0]).add(y));
            } finally {
                scope.close();
            }
            kept[0] = result;
            assertTrue(inner[0].isNull());
            assertTrue(outerTemp[0].isNull());
            assertEquals(8.0, result.sum().item_double(), 1e-9);
        });
        assertTrue(kept[0].isNull());
    }

    @Test
    void statementTemporariesAndReplacedValuesDieAtOnceAliasesKeepTheirValue() {
        NativeScope.run(() -> {
            Tensor x = ones(2);
            ForwardScope scope = ForwardScope.open();
            try {
                Tensor inner = x.add(x);
                Tensor y = scope.bind(inner.mul(inner));
                assertTrue(inner.isNull(), "a statement's temporary dies when the statement ends");
                Tensor alias = scope.bind(y);
                Tensor old = y;
                y = scope.rebind(y, y.neg());
                assertFalse(old.isNull(), "another local still holds the old value");
                alias = scope.rebind(alias, alias.add(y));
                assertTrue(old.isNull(), "no local holds the old value any more");
                Tensor input = scope.rebind(x, x.mul(y));
                assertFalse(x.isNull(), "an input is never freed by the forward");
                Tensor[] parts = scope.bind(Ops.unbind(input, 0));
                Tensor first = parts[0];
                Tensor second = parts[1];
                Tensor heldByFirst = first;
                first = scope.replace(first, second);
                assertTrue(heldByFirst.isNull());
                assertEquals(-4.0, first.item_double(), 1e-9);
                assertEquals(0.0, alias.sum().item_double(), 1e-9);
            } finally {
                scope.close();
            }
        });
    }

    @Test
    void aLayerFreesItsInputWhenItIsAStatementTemporaryOnly() {
        LeakyReLU act = new LeakyReLU(0.01);
        Dropout identity = new Dropout(0.5);
        identity.eval();
        InPlace.enable(false); // the activation would overwrite its dead input instead (InPlaceActivationTest)
        NativeScope.run(() -> {
            Tensor x = ones(2);
            ForwardScope scope = ForwardScope.open();
            try {
                Tensor temporary = x.neg();
                Tensor same = identity.forward(temporary);
                assertFalse(temporary.isNull(), "a layer that returns its input leaves it");
                Tensor y = scope.bind(act.forward(same));
                assertTrue(temporary.isNull(), "consumed by the layer, read by nothing else");
                Tensor z = scope.bind(act.forward(y));
                assertFalse(y.isNull(), "a local is never freed by the layer that reads it");
                assertFalse(x.isNull());
                assertEquals(-0.0002, z.sum().item_double(), 1e-9);
            } finally {
                scope.close();
            }
        });
        act.close();
        identity.close();
    }

    @Test
    void aLocalBorrowingFromATemporaryKeepsTheTemporaryAlive() {
        NativeScope.run(() -> {
            ForwardScope scope = ForwardScope.open();
            try {
                TensorVector pieces = new TensorVector(ones(2), ones(2).neg());
                Tensor borrowed = scope.bind(pieces.get(1));
                assertFalse(pieces.isNull(), "the vector the local points into stays");
                assertEquals(-2.0, borrowed.sum().item_double(), 1e-9);
            } finally {
                scope.close();
            }
        });
    }

    @Test
    void withoutAnEnclosingScopeTheResultIsLeftToTheGarbageCollector() {
        Tensor[] temporaries = new Tensor[1];
        Tensor[] results = forward(ones(2), temporaries);
        assertTrue(temporaries[0].isNull());
        assertEquals(8.0, results[0].sum().item_double(), 1e-9);
        results[0].close();
    }

    @Test
    void switchedOffEverythingLivesUntilTheCallersScopeCloses() {
        ForwardScope.enable(false);
        Tensor[] temporaries = new Tensor[1];
        NativeScope.run(() -> {
            forward(ones(2), temporaries);
            assertFalse(temporaries[0].isNull());
        });
        assertTrue(temporaries[0].isNull());
    }
}
