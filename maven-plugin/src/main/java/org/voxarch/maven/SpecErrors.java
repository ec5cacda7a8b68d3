package org.voxarch.maven;

import java.nio.file.Path;
import java.util.List;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;

/**
 * The specs have errors. Carries the diagnostics exactly as {@code voxarch check} prints them for the same files
 * (same function, same text), so a build log and a terminal show the same thing.
 */
final class SpecErrors extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostics diagnostics;

    private SpecErrors(Diagnostics diagnostics) {
        super(diagnostics.count() == 1 ? "1 error in .arch specs" : diagnostics.count() + " errors in .arch specs");
        this.diagnostics = diagnostics;
    }

    /** Every error in the files, as the CLI's {@code check} finds them, or null when there is none. */
    static SpecErrors check(List<Path> files) {
        Diagnostics found = Compiler.check(files);
        return found.hasErrors() ? new SpecErrors(found) : null;
    }

    /**
     * The errors behind failures met while loading or elaborating: every error {@code voxarch check} finds in the
     * files, or, when the specs are fine on their own (a problem with the configured overrides), the failures'
     * own diagnostics.
     */
    static SpecErrors of(List<Path> files, List<CompileException> failures) {
        SpecErrors checked = check(files);
        if (checked != null) {
            return checked;
        }
        Diagnostics merged = new Diagnostics();
        for (CompileException failure : failures) {
            for (Diagnostic d : failure.diagnostics().all()) {
                merged.report(d);
            }
        }
        return new SpecErrors(merged);
    }

    /** The diagnostics as the CLI prints them: each with its source line and caret, then the count. */
    String text() {
        return diagnostics.format();
    }

    int count() {
        return diagnostics.count();
    }
}
