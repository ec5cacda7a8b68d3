package org.voxarch.compiler.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.voxarch.compiler.ast.Decl;
import org.voxarch.compiler.model.NetworkModel;

/** The methods of the runtime's {@code SegmentationNetwork} a generated network class implements. */
final class NetworkContract {
    private NetworkContract() {
    }

    static List<MethodSpec> methods(NetworkModel model) {
        Decl.Block network = model.network();
        MethodSpec.Builder outputs = MethodSpec.methodBuilder("outputs").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(ArrayTypeName.of(JavaRefs.TENSOR_CLASS))
                .addParameter(ArrayTypeName.of(JavaRefs.TENSOR_CLASS), "inputs").varargs();
        if (network.forward() == null) {
            outputs.addStatement("throw new $T($S)", UnsupportedOperationException.class,
                    model.name() + " has no forward");
        } else {
            int count = network.forward().params().size();
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                args.add("inputs[" + i + "]");
            }
            outputs.beginControlFlow("if (inputs.length != $L)", count)
                    .addStatement("throw new $T($S + inputs.length)", IllegalArgumentException.class,
                            model.name() + " takes " + count + " input(s), got ")
                    .endControlFlow();
            String call = "forward(" + String.join(", ", args) + ")";
            if (ChildTypes.returnsSeveral(network)) {
                outputs.addStatement("return $L", call);
            } else {
                outputs.addStatement("return new $T[] {$L}", JavaRefs.TENSOR_CLASS, call);
            }
        }
        MethodSpec info = MethodSpec.methodBuilder("info").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(JavaRefs.runtime("NetworkInfo")).addStatement("return INFO").build();
        MethodSpec module = MethodSpec.methodBuilder("module").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(JavaRefs.runtime("ArchModule")).addStatement("return this")
                .build();
        return List.of(outputs.build(), info, module);
    }
}
