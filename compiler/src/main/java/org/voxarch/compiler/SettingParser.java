package org.voxarch.compiler;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.Value;
import org.voxarch.compiler.resolve.Program;

/** Parses the value of a command-line {@code --set name=value}: numbers, bools, lists (comma separated), enums. */
final class SettingParser {
    private SettingParser() {
    }

    static Value parse(String text, Program program) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
            return list(t, program);
        }
        if (t.contains(",")) {
            return list(t, program);
        }
        return scalar(t, program);
    }

    private static Value list(String t, Program program) {
        List<Value> items = new ArrayList<>();
        for (String part : t.split(",")) {
            if (!part.isBlank()) {
                items.add(scalar(part.strip(), program));
            }
        }
        return new Value.ListOf(items);
    }

    private static Value scalar(String t, Program program) {
        if (t.equals("true") || t.equals("false")) {
            return new Value.Bool(Boolean.parseBoolean(t));
        }
        try {
            return new Value.Int(Long.parseLong(t));
        } catch (NumberFormatException notInt) {
            try {
                return new Value.Float(Double.parseDouble(t));
            } catch (NumberFormatException notFloat) {
                Decl.Enum e = program.enumOfConstant(t);
                return e != null ? new Value.EnumConst(e.name().name(), t) : new Value.Str(t);
            }
        }
    }
}
