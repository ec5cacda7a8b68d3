package org.voxarch.runtime.nn;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.pytorch.Tensor;

/**
 * Layers applied one after another, {@code torch.nn.Sequential}; children are named "0", "1", ...
 * libtorch's own {@code SequentialImpl} cannot call a {@code forward} written in Java, hence this class.
 */
public final class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();

    /** @param layers the initial layers, in application order */
    public Sequential(Layer... layers) {
        super("Sequential");
        for (Layer l : layers) {
            add(l);
        }
    }

    /**
     * Appends a layer under the next index.
     *
     * @return this, for chaining
     */
    public Sequential add(Layer layer) {
        layers.add(registerChild(Integer.toString(layers.size()), layer));
        return this;
    }

    /** @return the layer at {@code index} */
    public Layer get(long index) {
        return ModuleList.checkedGet(layers, index);
    }

    /** @return the number of layers */
    public int size() {
        return layers.size();
    }

    /** @return the last layer's output; {@code x} itself when empty */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Layer l : layers) {
            y = l.forward(y);
        }
        return y;
    }
}
