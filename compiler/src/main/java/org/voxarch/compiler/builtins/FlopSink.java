package org.voxarch.compiler.builtins;

/** Where FLOPs of a tensor operation are counted (the block whose forward does it). */
public interface FlopSink {
    void add(long flops);

    FlopSink NONE = flops -> { };
}
