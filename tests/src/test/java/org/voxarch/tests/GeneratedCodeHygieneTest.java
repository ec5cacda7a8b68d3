package org.voxarch.tests;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxarch.compiler.model.Value;
import org.voxarch.runtime.nn.NoGrad;

/**
 * Specs whose names or values the generated code once got wrong although {@code check} accepted them (issue 8):
 * the generated network must compile and compute what the compiler inferred.
 */
class GeneratedCodeHygieneTest {
    @TempDir
    Path dir;

    /**
     * A block named like a runtime class the generated code uses ({@code Values.triple} for Conv3d's sizes), or like
     * the class generated for its spec file ({@code spec.arch} gives {@code SpecArch}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"Values", "SpecArch"})
    void blockNamedLikeAClassTheGeneratedCodeUses(String name) {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, """
                block NAME(c: int) {
                  conv = Conv3d(c, c, 3, padding = 1)
                  forward(x) {
                    return conv(x)
                  }
                }

                network Net(c: int = 2) {
                  input x: [B, c, 4, 4, 4]
                  values = NAME(c)
                  forward(x) {
                    return values(x)
                  }
                }
                """.replace("NAME", name), "Net");
        assertArrayEquals(new long[] {3, 2, 4, 4, 4}, forwardShape(built, new long[] {3, 2, 4, 4, 4}));
    }

    /**
     * Options added to a layer after its first parameters (dilation, groups, affine) appear in the generated call only
     * when the spec sets them, so a plain convolution reads as one; when one is set, the call passes them all and the
     * network still computes the shape the compiler inferred.
     */
    @Test
    void layerOptionsTheSpecDoesNotSetAreLeftOut() {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, """
                network Net(c: int = 4) {
                  input x: [B, c, 6, 6, 6]
                  plain = Conv3d(c, c, 3, padding = 1)
                  dilated = Conv3d(c, c, 3, padding = 2, dilation = 2, groups = 2)
                  norm = LayerNorm(c)
                  forward(x) {
                    return dilated(plain(x))
                  }
                }
                """, "Net");
        assertTrue(built.source().contains("new Conv3d(c, c, Values.triple(3), Values.triple(1), Values.triple(1), "
                + "true)"), built.source());
        assertTrue(built.source().contains("new Conv3d(c, c, Values.triple(3), Values.triple(1), Values.triple(2), "
                + "true, Values.triple(2), 2)"), built.source());
        assertTrue(built.source().contains("new LayerNorm(c, 1.0E-5)"), built.source());
        assertArrayEquals(new long[] {1, 4, 6, 6, 6}, forwardShape(built, new long[] {1, 4, 6, 6, 6}));
    }

    /**
     * {@code Drop.p = 0} on a parameter whose default is a float (a literal, or an expression whose type only the
     * type rules know): the generated Java must hold it as 0.0.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0.5", "0.25 * 2"})
    void intOverrideOfAnUntypedFloatParameter(String defaultValue) {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, """
                block Drop(p = DEFAULT) {
                  d = Dropout(p)
                  forward(x) {
                    return d(x)
                  }
                }

                network Net(c: int = 2) {
                  input x: [B, c, 4, 4, 4]
                  a = Drop()
                  forward(x) {
                    return a(x)
                  }
                }

                variant nodrop = Net() with { Drop.p = 0 }
                """.replace("DEFAULT", defaultValue), "nodrop");
        try (PointerScope scope = new PointerScope()) {
            built.module().train(true);
            Tensor x = ones(new long[] {2, 2, 4, 4, 4});
            // In training mode a dropout of 0 passes every element through unchanged (0.5 would zero about half).
            assertEquals(0.0, forward(built, x).sub(x).abs().max().item_double());
        }
    }

    /** A block parameter named like the local that holds the batch size. */
    @Test
    void blockParameterNamedBatch() {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, """
                block Split(c: int, batch: int) {
                  forward(x) {
                    return reshape(x, [B, batch, c / batch])
                  }
                }

                network Net(c: int = 8) {
                  input x: [B, c]
                  split = Split(c, 2)
                  forward(x) {
                    return split(x)
                  }
                }
                """, "Net");
        assertEquals("[B, 2, 4]", built.model().outputs().get(0).toString());
        assertArrayEquals(new long[] {3, 2, 4}, forwardShape(built, new long[] {3, 8}));
    }

    /**
     * {@code 2 ** e} with a negative {@code e} where a float is expected: the probability the generated Dropout
     * applies (read from the scale of kept elements in training, 1 / (1 - p)) is the one the compiler computed.
     */
    @Test
    void powerWithNegativeExponentAsDropoutProbability() {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, """
                network Net(e: int = -1) {
                  input x: [B, 4096]
                  drop = Dropout(2 ** e)
                  forward(x) {
                    return drop(x)
                  }
                }
                """, "Net");
        double checked = ((Value.Float) built.model().root().child("drop").args().get("p")).value();
        assertEquals(0.5, checked);
        try (PointerScope scope = new PointerScope()) {
            built.module().train(true);
            double kept = forward(built, ones(1, 4096)).max().item_double();
            assertEquals(checked, 1 - 1 / kept, 1e-6);
        }
    }

    /**
     * The same power held by an untyped {@code let}, which has no expected type: {@code 2 ** e} is a float (its
     * exponent is not known to be natural) in the compiler and in the generated Java alike.
     */
    @Test
    void powerWithNegativeExponentThroughALet() {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, """
                network Net(e: int = -1) {
                  input x: [B, 4096]
                  let p = 2 ** e
                  drop = Dropout(p)
                  forward(x) {
                    return drop(x)
                  }
                }
                """, "Net");
        double checked = ((Value.Float) built.model().root().child("drop").args().get("p")).value();
        assertEquals(0.5, checked);
        try (PointerScope scope = new PointerScope()) {
            built.module().train(true);
            double kept = forward(built, ones(1, 4096)).max().item_double();
            assertEquals(checked, 1 - 1 / kept, 1e-6);
        }
    }

    /** Integer division and modulo of negative numbers floor, as in Python, in both: -7 / 2 is -4, -7 % 2 is 1. */
    @Test
    void negativeIntegerDivisionSizesTheLayerAlike() {
        GeneratedSpecs.Built built = GeneratedSpecs.build(dir, """
                network Net(a: int = -7, b: int = 2) {
                  input x: [B, 4]
                  proj = Linear(4, 10 + a / b + a % b)
                  forward(x) {
                    return proj(x)
                  }
                }
                """, "Net");
        assertEquals("[B, 7]", built.model().outputs().get(0).toString());
        assertArrayEquals(new long[] {3, 7}, forwardShape(built, new long[] {3, 4}));
    }

    private static long[] forwardShape(GeneratedSpecs.Built built, long[] input) {
        try (PointerScope scope = new PointerScope()) {
            built.module().eval();
            return NoGrad.get(() -> forward(built, ones(input)).sizes().vec().get());
        }
    }

    private static Tensor forward(GeneratedSpecs.Built built, Tensor x) {
        try {
            return (Tensor) built.module().getClass().getMethod("forward", Tensor.class).invoke(built.module(), x);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
