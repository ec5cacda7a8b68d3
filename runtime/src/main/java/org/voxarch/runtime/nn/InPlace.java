package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Tensor;

/**
 * When an element-wise layer may write its result over its input, as MONAI's {@code LeakyReLU(inplace=True)} does:
 * in training autograd then keeps one tensor where it kept two (the input for the layer's backward and the output
 * for the next layer's). Only when nothing can read the input afterwards: it is a temporary of the current statement
 * that no local holds ({@link ForwardScope}), no other tensor shares its memory (a view of a local, a saved output
 * of the operation that made it), and it is not a leaf that needs a gradient.
 *
 * <p>Switch: {@code -Dvoxarch.inplaceActivations=false} (or {@code voxarch.kernels.plain}) or {@link #enable}.
 */
public final class InPlace {
    private static volatile boolean enabled = !Boolean.getBoolean("voxarch.kernels.plain")
            && Boolean.parseBoolean(System.getProperty("voxarch.inplaceActivations", "true"));

    private InPlace() {
    }

    /** Switches in-place activations on or off. */
    public static void enable(boolean on) {
        enabled = on;
    }

    /** @return true when activations may overwrite dead inputs */
    public static boolean enabled() {
        return enabled;
    }

    /** @return true when {@code x} may be overwritten by the layer reading it now */
    static boolean mayOverwrite(Tensor x) {
        if (!enabled || !ForwardScope.unreadAfter(x) || x.is_leaf() && x.requires_grad() || x.use_count() != 1) {
            return false;
        }
        // A view shares its memory with its base: the base must be referenced by this view alone.
        long owners = x.is_view() ? 2 : 1;
        return x.storage().use_count() == owners && (!x.is_view() || x._base().use_count() == 1);
    }
}
