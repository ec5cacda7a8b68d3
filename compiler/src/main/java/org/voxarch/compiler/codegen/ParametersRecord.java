package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ir.BlockIr;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Value;

/**
 * A network's {@code Parameters} record: one component per spec parameter, {@code defaults()}, a {@code with...}
 * method per parameter, and the runtime contract's {@code with(name, value)} and {@code build()}.
 */
final class ParametersRecord {
    private final NetworkModel model;
    private final ModuleClasses modules;
    private final ClassName record;
    private final ClassName network;
    private final List<Component> components = new ArrayList<>();

    /** One parameter: its spec name, Java name and type, and the Java of its default. */
    private record Component(String spec, String java, JType type, String defaultJava) {}

    /** @param block the network block's IR, whose declared parameter types the record's components have */
    ParametersRecord(NetworkModel model, BlockIr block, ModuleClasses modules, ClassName network) {
        this.model = model;
        this.modules = modules;
        this.network = network;
        this.record = network.nestedClass("Parameters");
        for (Decl.Param p : model.network().params()) {
            Value v = model.parameters().get(p.name().name());
            JType t = p.type() != null ? JType.of(block.param(p.name().name()).type()) : typeOf(v);
            components.add(new Component(p.name().name(), JavaNames.member(p.name().name()), t,
                    ExprTranslator.literal(v)));
        }
    }

    TypeSpec build() {
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (Component c : components) {
            ctor.addParameter(ParameterSpec.builder(BlockCode.typeName(c.type(), modules), c.java()).build());
        }
        TypeSpec.Builder type = TypeSpec.recordBuilder("Parameters").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addSuperinterface(JavaRefs.runtime("SegmentationNetwork").nestedClass("Parameters"))
                .addJavadoc("The parameters of {@code $L}; {@link #defaults()} are the values the spec gives.\n",
                        model.name())
                .recordConstructor(ctor.build())
                .addMethod(MethodSpec.methodBuilder("defaults").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(record)
                        .addStatement("return new $T($L)", record, JavaRefs.code(String.join(", ",
                                components.stream().map(Component::defaultJava).toList()), modules)).build());
        for (Component c : components) {
            type.addMethod(withMethod(c));
        }
        type.addMethod(withByName());
        type.addMethod(MethodSpec.methodBuilder("build").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(network).addStatement("return new $T(this)", network).build());
        return type.build();
    }

    /** {@code withClasses(long classes)}: a copy with one parameter replaced. */
    private MethodSpec withMethod(Component changed) {
        List<String> args = components.stream().map(Component::java).toList();
        return MethodSpec.methodBuilder(withName(changed)).addModifiers(Modifier.PUBLIC).returns(record)
                .addJavadoc("These parameters with {@code $L} replaced.\n", changed.spec())
                .addParameter(BlockCode.typeName(changed.type(), modules), changed.java())
                .addStatement("return new $T(" + String.join(",$W", args) + ")", record).build();
    }

    /** The contract's {@code with(name, value)}: the spec name chooses the {@code with...} method. */
    private MethodSpec withByName() {
        CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("try").add("return switch (name) {\n")
                .indent();
        for (Component c : components) {
            cases.add("case $S -> $L($L);\n", c.spec(), withName(c), JavaRefs.code(fromObject(c.type()), modules));
        }
        cases.add("default -> throw new $T($S + name + $S);\n", IllegalArgumentException.class,
                model.name() + " has no parameter '", "'")
                .unindent().add("};\n")
                .nextControlFlow("catch ($T e)", ClassCastException.class)
                .addStatement("throw new $T($S + name + $S + value, e)", IllegalArgumentException.class,
                        "parameter '", "' of " + model.name() + " cannot be ")
                .endControlFlow();
        return MethodSpec.methodBuilder("with").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(record).addParameter(String.class, "name").addParameter(Object.class, "value")
                .addCode(cases.build()).build();
    }

    /** Java that turns the contract's {@code Object value} into the parameter's type. */
    private static String fromObject(JType type) {
        return switch (type.kind()) {
            case LONG -> "(Long) value";
            // An int is a float where a float is expected, as in the spec.
            case DOUBLE -> "((Number) value).doubleValue()";
            case BOOLEAN -> "(Boolean) value";
            case STRING -> "(" + JavaRefs.STRING + ") value";
            case LONGS -> "(long[]) value";
            case DOUBLES -> "value instanceof long[] ints ? " + JavaRefs.ARRAYS
                    + "stream(ints).asDoubleStream().toArray() : (double[]) value";
            // An empty list arrives as long[].
            case BOOLEANS -> "value instanceof long[] none && none.length == 0 ? new boolean[0] : (boolean[]) value";
            case ENUM -> JavaRefs.module(type.name()) + ".valueOf(((" + JavaRefs.STRING
                    + ") value).toUpperCase())";
            default -> throw new IllegalStateException("no network parameter of type " + type);
        };
    }

    private static String withName(Component c) {
        return "with" + JavaNames.type(c.spec());
    }

    private static JType typeOf(Value v) {
        if (v instanceof Value.Int) {
            return JType.LONG;
        } else if (v instanceof Value.Float) {
            return JType.DOUBLE;
        } else if (v instanceof Value.Bool) {
            return JType.BOOLEAN;
        } else if (v instanceof Value.EnumConst e) {
            return JType.enumType(e.type());
        } else if (v instanceof Value.ListOf l) {
            return l.items().stream().anyMatch(x -> x instanceof Value.Float) ? JType.DOUBLES : JType.LONGS;
        }
        return JType.STRING;
    }
}
