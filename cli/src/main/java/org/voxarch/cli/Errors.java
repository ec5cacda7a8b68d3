package org.voxarch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.voxarch.compiler.diag.CompileException;
import org.voxarch.runtime.io.StateDictMismatchException;
import org.voxarch.runtime.io.TensorFileException;
import picocli.CommandLine;

/**
 * Turns failures into messages: spec diagnostics as the compiler prints them, data problems as one line naming the
 * file. A Java stack trace appears only for internal errors, and only with VOXARCH_DEBUG=1.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 1;
    static final int INTERNAL_ERROR = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        return report(e);
    }

    static int report(Throwable e) {
        ConsoleProgress.endLine();
        if (e instanceof CompileException c) {
            System.err.print(c.diagnostics().format());
            return USER_ERROR;
        }
        if (e instanceof UserError || e instanceof TensorFileException || e instanceof StateDictMismatchException
                || e instanceof org.voxarch.runtime.data.NiftiException
                || e instanceof org.voxarch.runtime.data.DatasetException
                || e instanceof org.voxarch.runtime.train.NonFiniteLossException
                || e instanceof org.voxarch.runtime.distributed.CollectiveException
                || e instanceof IllegalArgumentException || e instanceof IOException
                || e instanceof UncheckedIOException) {
            System.err.println("error: " + message(e));
            return USER_ERROR;
        }
        System.err.println("internal error: " + message(e));
        if ("1".equals(System.getenv("VOXARCH_DEBUG"))) {
            e.printStackTrace();
        } else {
            System.err.println("(set VOXARCH_DEBUG=1 for a stack trace, and please report it)");
        }
        return INTERNAL_ERROR;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + m;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + m;
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
