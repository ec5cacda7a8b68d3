package org.voxarch.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Span;
import org.voxarch.grammar.ArchLexer;
import org.voxarch.grammar.ArchParser;

/** Syntax phase: text to an immutable tree, with syntax errors as diagnostics instead of exceptions. */
public final class SpecParser {
    private SpecParser() {
    }

    /** Parses one file; returns null (after reporting) when the syntax is broken. */
    public static SpecFile parse(SourceFile source, Diagnostics diagnostics) {
        ArchLexer lexer = new ArchLexer(CharStreams.fromString(source.text(), source.displayPath()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        ArchParser parser = new ArchParser(tokens);
        parser.removeErrorListeners();
        List<Diagnostic> errors = new ArrayList<>();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                    RecognitionException e) {
                Token token = offending instanceof Token t ? t : null;
                int length = token == null || token.getType() == Token.EOF ? 1 : token.getText().length();
                errors.add(Diagnostic.error(new Span(source, line, column + 1, length), describe(token, msg))
                        .withHelp(hint(token)));
            }
        });
        ArchParser.FileContext tree = parser.file();
        tokens.fill();
        for (Token t : tokens.getTokens()) {
            if (t.getType() == ArchLexer.ERROR_CHAR) {
                diagnostics.report(Diagnostic.error(new Span(source, t.getLine(), t.getCharPositionInLine() + 1, 1),
                        "unexpected character '" + t.getText() + "'"));
                return null;
            }
        }
        if (!errors.isEmpty()) {
            // ANTLR recovers and reports follow-on errors; the first one is the real mistake.
            diagnostics.report(errors.get(0));
            return null;
        }
        try {
            return new AstBuilder(source, tokens).file(tree);
        } catch (SyntaxProblem problem) {
            diagnostics.report(Diagnostic.error(problem.span(), problem.getMessage()));
            return null;
        }
    }

    private static String describe(Token token, String antlrMessage) {
        if (token == null) {
            return "syntax error: " + antlrMessage;
        }
        if (token.getType() == Token.EOF) {
            return "unexpected end of file";
        }
        String expected = antlrMessage.contains("expecting") ? antlrMessage.substring(antlrMessage.indexOf("expecting"))
                : "";
        String found = "unexpected '" + token.getText() + "'";
        return expected.isEmpty() ? found : found + ", " + expected.replace("<EOF>", "end of file");
    }

    private static String hint(Token token) {
        if (token == null) {
            return null;
        }
        return switch (token.getText()) {
            case "let", "if", "input", "init", "require", "forward", "for", "in", "with", "over", "and", "or", "not",
                    "return", "block", "network", "variant", "grid", "enum", "import", "true", "false" ->
                "'" + token.getText() + "' is a keyword and cannot be used as a name";
            case "}" -> "check for a missing value or an unclosed bracket before this point";
            default -> null;
        };
    }
}
