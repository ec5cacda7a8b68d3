package org.voxarch.runtime.nn;

import org.bytedeco.pytorch.Tensor;

/**
 * What every network the compiler generates offers its users (the command line, trainers, applications): its
 * outputs for its inputs, the figures the compiler derived, and its parameters by their spec names.
 */
public interface SegmentationNetwork {
    /** Every output for the given inputs, in the order the spec's forward returns them. */
    Tensor[] outputs(Tensor... inputs);

    /** What the compiler derived from the spec for the generated defaults: shapes, parameter count, FLOPs, keys. */
    NetworkInfo info();

    /** The network as a module: its parameters, buffers, children and train/eval mode. */
    ArchModule module();

    /** A network's parameters; each generated network's {@code Parameters} record implements this. */
    interface Parameters {
        /**
         * These parameters with the one the spec calls {@code name} replaced.
         *
         * @param value a Long, Double, Boolean or String (an enum constant by its spec name), or a long[], double[]
         *              or boolean[] for lists
         * @throws IllegalArgumentException when the network has no such parameter or the value has another type
         */
        Parameters with(String name, Object value);

        /** Builds the network for these parameters. */
        SegmentationNetwork build();
    }
}
