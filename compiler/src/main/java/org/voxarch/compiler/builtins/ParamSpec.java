package org.voxarch.compiler.builtins;

import org.voxarch.compiler.model.Value;

/**
 * A parameter of a primitive layer: its name, its type ({@code int}, {@code float}, {@code bool}, or {@code int3}
 * for a size given as one int or three), and its default (null when required).
 */
public record ParamSpec(String name, String type, Value defaultValue) {
    public static ParamSpec required(String name, String type) {
        return new ParamSpec(name, type, null);
    }

    public static ParamSpec optional(String name, String type, Value defaultValue) {
        return new ParamSpec(name, type, defaultValue);
    }
}
