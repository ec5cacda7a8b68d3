package org.voxarch.compiler.builtins;

import java.util.List;
import org.voxarch.compiler.model.Value;

/**
 * One function or operator of the language, declared once: its name and signature, how the compiler evaluates it
 * (for tensors: the shape rule, counting FLOPs at the site), and the Java it becomes in generated code, whose
 * kind is the type rule of generated code. Containers ({@code Sequential}, {@code param}, ...) create modules and
 * are built by the elaborator: they have neither (null). Initialisers evaluate to a description of how a tensor is
 * filled and have no Java expression (null emission; see {@link Initialisers}).
 */
public record Builtin(String name, Family family, Signature signature, Evaluation evaluation, Emission emission) {
    public enum Family { VALUE, TENSOR, INITIALISER, CONTAINER, OPERATOR, UNARY }

    /** The compile-time meaning: a value, or an {@link ArchError} at the site. */
    public interface Evaluation {
        Value apply(List<Value> args, Site site);
    }

    /** The generated Java for arguments already translated. */
    public interface Emission {
        JavaExpr apply(List<JavaExpr> args, Site site, JavaClasses classes);
    }

    public Value evaluate(List<Value> args, Site site) {
        return evaluation.apply(args, site);
    }

    public JavaExpr emit(List<JavaExpr> args, Site site, JavaClasses classes) {
        return emission.apply(args, site, classes);
    }
}
