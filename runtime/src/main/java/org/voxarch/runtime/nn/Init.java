package org.voxarch.runtime.nn;

import static org.bytedeco.pytorch.global.torch.clamp_;
import static org.bytedeco.pytorch.global.torch.constant_;
import static org.bytedeco.pytorch.global.torch.normal_;
import static org.bytedeco.pytorch.global.torch.uniform_;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.memory.NativeScope;

/**
 * Weight initialisation: a module walker and in-place initialisers.
 *
 * <p>The initialisers overwrite the tensor's values without recording gradients, so they may be applied to
 * registered parameters. They draw from libtorch's default generator ({@code manual_seed} makes them repeatable).
 */
public final class Init {
    /** Truncation bound of timm's {@code trunc_normal_}: absolute, not in standard deviations. */
    private static final double TRUNCATION_BOUND = 2.0;

    private Init() {
    }

    /**
     * Applies {@code action} to {@code root} and every descendant that is an instance of {@code type}, depth-first
     * in registration order (a module before its children), each module once. Alias entries are not followed: an
     * aliased module is visited where it is registered as a child.
     */
    public static <T extends ArchModule> void forEach(ArchModule root, Class<T> type, Consumer<T> action) {
        visit(root, type, action, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static <T extends ArchModule> void visit(ArchModule module, Class<T> type, Consumer<T> action,
                                                     Set<ArchModule> seen) {
        if (!seen.add(module)) {
            return;
        }
        if (type.isInstance(module)) {
            action.accept(type.cast(module));
        }
        for (ArchModule.Entry e : module.entries()) {
            if (e.kind() == ArchModule.Kind.CHILD) {
                visit(e.module(), type, action, seen);
            }
        }
    }

    /**
     * Normal(0, std²) truncated to [-2, 2] like timm's {@code trunc_normal_}. Values are drawn and then clamped;
     * for the usual std of 0.02 the bound is 100 σ away, so the two agree.
     */
    public static void truncNormal(Tensor t, double std) {
        inPlace(() -> {
            normal_(t, 0.0, std);
            clamp_(t, new ScalarOptional(new Scalar(-TRUNCATION_BOUND)), new ScalarOptional(new Scalar(TRUNCATION_BOUND)));
        });
    }

    /** Normal(mean, std²). */
    public static void normal(Tensor t, double mean, double std) {
        inPlace(() -> normal_(t, mean, std));
    }

    /** Uniform on [lo, hi). */
    public static void uniform(Tensor t, double lo, double hi) {
        inPlace(() -> uniform_(t, lo, hi));
    }

    /** Every element set to {@code value}. */
    public static void constant(Tensor t, double value) {
        inPlace(() -> constant_(t, new Scalar(value)));
    }

    /** Every element set to 0. */
    public static void zeros(Tensor t) {
        constant(t, 0.0);
    }

    /** Every element set to 1. */
    public static void ones(Tensor t) {
        constant(t, 1.0);
    }

    /**
     * PyTorch's default for convolution and linear weights and biases: {@code kaiming_uniform_(a=√5)} works out to
     * U(±1/√fanIn), and the bias uses the same bound.
     */
    public static void kaimingUniformDefault(Tensor t, long fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan_in must be positive, got " + fanIn);
        }
        double bound = 1.0 / Math.sqrt(fanIn);
        uniform(t, -bound, bound);
    }

    /**
     * Runs an in-place initialiser without autograd. Each returns a second handle on the tensor it filled, which
     * would keep the tensor's memory alive after its module is closed until a garbage collection; the scope drops it.
     */
    private static void inPlace(Runnable fill) {
        NativeScope.run(() -> NoGrad.run(fill));
    }
}
