package org.voxarch.compiler.ast;

import org.voxarch.compiler.diag.Span;

/** A name as written, with its position. */
public record Ident(Span span, String name) {}
