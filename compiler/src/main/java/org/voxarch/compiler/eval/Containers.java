package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.Expr;
import org.voxarch.compiler.builtins.ArchError;
import org.voxarch.compiler.builtins.Checked;
import org.voxarch.compiler.builtins.TensorDtypes;
import org.voxarch.compiler.model.Instance;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.Value;

/**
 * The containers a body declares: {@code param} and {@code buffer} tensors with their initialiser, and
 * {@code Sequential} and {@code ModuleList} of new modules.
 */
final class Containers {
    private final Evaluator evaluator;

    Containers(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    Value build(String fn, Expr.Call c, Env env, Instance owner) {
        switch (fn) {
            case "param", "buffer" -> {
                Value shape = null;
                Value init = new Value.Init(fn.equals("param") ? "zeros" : "zeros", List.of());
                String dtype = Value.Tensor.FLOAT32;
                for (int i = 0; i < c.args().size(); i++) {
                    Expr.Arg a = c.args().get(i);
                    String key = a.name() == null ? (i == 0 ? "shape" : i == 1 ? "init" : "?") : a.name();
                    Value v = evaluator.eval(a.value(), env, owner);
                    switch (key) {
                        case "shape" -> shape = v;
                        case "init" -> init = v;
                        case "dtype" -> dtype = TensorDtypes.ofBuffer(fn, v, a.value() instanceof Expr.StringLit,
                                a.value().span());
                        default -> throw new ArchError(a.span(), fn + "(shape, init = ...) has no parameter '"
                                + key + "'");
                    }
                }
                if (shape == null) {
                    throw new ArchError(c.span(), fn + " needs a shape, e.g. " + fn + "([heads, 1, 1])");
                }
                Shape s = evaluator.shapeOf(shape, c.args().get(0).value().span());
                Checked.product(c.args().get(0).value().span(), "the element count of " + fn + " " + s, s.dims());
                for (long d : s.dims()) {
                    if (d <= 0) {
                        throw new ArchError(c.args().get(0).value().span(), fn + " shape " + s
                                + " must have positive sizes");
                    }
                }
                if (!(init instanceof Value.Init in)) {
                    throw new ArchError(c.span(), "init must be an initialiser such as zeros, ones, constant(v),"
                            + " uniform(lo, hi), normal(std), trunc_normal(std); got " + init.describe());
                }
                TensorDtypes.checkInit(dtype, in, c.span());
                Instance tensor = Instance.tensor(fn.equals("param") ? Instance.Kind.PARAM : Instance.Kind.BUFFER,
                        s.dims(), in, c.span());
                tensor.setDtype(dtype);
                return new Value.Module(tensor);
            }
            case "Sequential", "ModuleList" -> {
                List<Value> items = new ArrayList<>();
                for (Expr.Arg a : c.args()) {
                    Value v = evaluator.eval(a.value(), env, owner);
                    if (v instanceof Value.ListOf l && c.args().size() > 1) {
                        throw new ArchError(a.value().span(), fn + " takes one list of modules"
                                + (fn.equals("Sequential") ? " or modules one by one" : "") + ", not a list among "
                                + c.args().size() + " arguments").withHelp("join the lists: " + fn + "(a + b)");
                    }
                    if (v instanceof Value.ListOf l) {
                        items.addAll(l.items());
                    } else {
                        items.add(v);
                    }
                }
                Instance inst = new Instance(fn.equals("Sequential") ? Instance.Kind.SEQUENTIAL
                        : Instance.Kind.MODULE_LIST, fn, c.span(), null);
                int i = 0;
                for (Value v : items) {
                    if (v instanceof Value.Module m && m.instance().isAttached()) {
                        throw new ArchError(c.span(), fn + " holds new modules; item " + i + " is already the child '"
                                + m.instance().path() + "'").withHelp("a module has one place in the tree; create"
                                + " another one here, or use the child directly");
                    }
                    if (!(v instanceof Value.Module m) || m.instance().isTensor()) {
                        throw new ArchError(c.span(), fn + " holds new modules; item " + i + " is "
                                + v.describe());
                    }
                    inst.attach(Integer.toString(i++), m.instance(), false);
                }
                return new Value.Module(inst);
            }
            default -> throw new IllegalStateException(fn);
        }
    }
}
