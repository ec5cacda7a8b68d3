package org.voxarch.compiler.ast;

import java.util.List;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Span;

/** One parsed spec file. */
public record SpecFile(SourceFile source, List<Import> imports, List<Decl> decls) {

    public record Import(Span span, String path) {}
}
