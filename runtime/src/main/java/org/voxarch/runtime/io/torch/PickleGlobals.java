package org.voxarch.runtime.io.torch;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only Python globals a pickle may name here, each replaced by a Java function that builds plain data. This is
 * the security boundary: nothing outside this list is looked up, imported or called.
 */
final class PickleGlobals {
    /** A global that REDUCE may call. */
    interface Callable {
        Object call(List<Object> args);
    }

    /** {@code torch.FloatStorage} and co.: only ever the type field of a storage's persistent id. */
    record StorageType(TorchDtype dtype) {
    }

    /** {@code numpy.ndarray}: the first argument of {@code _reconstruct}. */
    private enum NdarrayType { INSTANCE }

    private static final Set<String> NUMPY_MULTIARRAY = Set.of("numpy.core.multiarray", "numpy._core.multiarray");

    private PickleGlobals() {
    }

    /**
     * @return the stand-in of {@code module.name}
     * @throws PickleException naming the global if it is not on the list
     */
    static Object find(String module, String name) {
        String full = module + "." + name;
        if (module.equals("torch")) {
            var dtype = TorchDtype.ofStorage(name);
            if (dtype.isPresent()) {
                return new StorageType(dtype.get());
            }
        }
        if (NUMPY_MULTIARRAY.contains(module) && name.equals("_reconstruct")) {
            return (Callable) args -> new NumpyArray();
        }
        if (NUMPY_MULTIARRAY.contains(module) && name.equals("scalar")) {
            return (Callable) args -> NumpyArray.scalar(dtypeArg(args.get(0)), bytesArg(args.get(1)));
        }
        return switch (full) {
            case "torch._utils._rebuild_tensor_v2" -> (Callable) PickleGlobals::rebuildTensor;
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" ->
                    (Callable) args -> args.get(0);
            case "collections.OrderedDict" -> (Callable) PickleGlobals::orderedDict;
            case "numpy.ndarray" -> NdarrayType.INSTANCE;
            case "numpy.dtype" -> (Callable) args -> new NumpyDtype((String) args.get(0));
            case "_codecs.encode" -> (Callable) PickleGlobals::encode;
            default -> throw new PickleException("the pickle calls " + full + ", which is not on the list of"
                    + " globals allowed in a checkpoint (tensors, storages, OrderedDict, numpy arrays and scalars);"
                    + " nothing was executed");
        };
    }

    /** BUILD: sets the state of an object made by a constructor above. */
    static void build(Object target, Object state) {
        if (target instanceof Map<?, ?>) {
            return; // an OrderedDict's attributes (state_dict's _metadata): not needed
        }
        if (target instanceof NumpyArray a) {
            a.setState(list(state, "ndarray state"));
        } else if (target instanceof NumpyDtype d) {
            d.setState(list(state, "dtype state"));
        } else {
            throw new PickleException("the pickle sets the state of " + Unpickler.describe(target)
                    + ", which is not allowed");
        }
    }

    private static Object rebuildTensor(List<Object> args) {
        if (args.size() < 4 || !(args.get(0) instanceof TorchStorage storage)) {
            throw new PickleException("torch._utils._rebuild_tensor_v2 called without a storage");
        }
        return new TensorRef(storage, number(args.get(1)), longs(args.get(2)), longs(args.get(3)));
    }

    private static Object orderedDict(List<Object> args) {
        Map<Object, Object> m = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            for (Object pair : list(args.get(0), "OrderedDict items")) {
                List<Object> kv = list(pair, "OrderedDict item");
                m.put(kv.get(0), kv.get(1));
            }
        }
        return m;
    }

    /** {@code _codecs.encode(str, "latin1")}: how protocol 2 writes bytes. */
    private static Object encode(List<Object> args) {
        if (args.size() != 2 || !(args.get(0) instanceof String s) || !"latin1".equals(args.get(1))) {
            throw new PickleException("_codecs.encode is allowed only as encode(str, 'latin1')");
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static NumpyDtype dtypeArg(Object o) {
        if (o instanceof NumpyDtype d) {
            return d;
        }
        throw new PickleException("numpy scalar without a dtype (got " + Unpickler.describe(o) + ")");
    }

    private static byte[] bytesArg(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        throw new PickleException("numpy scalar without its bytes (got " + Unpickler.describe(o) + ")");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new PickleException(what + " is " + Unpickler.describe(o) + ", not a tuple or list");
    }

    static long number(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw new PickleException("expected an int, got " + Unpickler.describe(o));
    }

    private static long[] longs(Object o) {
        List<Object> l = list(o, "tensor size or stride");
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(l.get(i));
        }
        return out;
    }
}
