package org.voxarch.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.model.Value;

/** Freezes the elaborator's values into IR constants. */
final class Constants {
    private Constants() {
    }

    static Constant of(Value v) {
        if (v instanceof Value.Int i) {
            return new Constant.Int(i.value());
        } else if (v instanceof Value.Float f) {
            return new Constant.Float(f.value());
        } else if (v instanceof Value.Bool b) {
            return new Constant.Bool(b.value());
        } else if (v instanceof Value.Str s) {
            return new Constant.Str(s.value());
        } else if (v instanceof Value.EnumConst e) {
            return new Constant.EnumConst(e.type(), e.constant());
        } else if (v instanceof Value.ListOf l) {
            return new Constant.ListOf(all(l.items()));
        } else if (v instanceof Value.Module m) {
            return new Constant.ModuleRef(m.typeName(), m.toString());
        } else if (v instanceof Value.Tensor t) {
            return new Constant.Tensor(t.shape());
        } else if (v instanceof Value.Tuple t) {
            return new Constant.Tuple(all(t.items()));
        } else if (v instanceof Value.Init init) {
            return new Constant.Init(init.toString());
        } else if (v instanceof Value.Batch) {
            return new Constant.Batch();
        }
        return new Constant.Error();
    }

    private static List<Constant> all(List<Value> values) {
        List<Constant> out = new ArrayList<>();
        values.forEach(v -> out.add(of(v)));
        return out;
    }
}
