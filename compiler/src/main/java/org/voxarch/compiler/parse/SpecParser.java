package org.voxarch.compiler.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.voxarch.compiler.ast.SpecFile;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.SourceFile;
import org.voxarch.compiler.diag.Span;
import org.voxarch.grammar.ArchLexer;
import org.voxarch.grammar.ArchParser;

/** Syntax phase: text to an immutable tree, with syntax errors as diagnostics instead of exceptions. */
public final class SpecParser {
    /** The words of the grammar ({@code let}, {@code in}, ...), which cannot be names. */
    private static final Set<String> KEYWORDS = keywords();
    private static final int DOT = literalType("'.'");

    private SpecParser() {
    }

    /** Parses one file; returns null (after reporting) when the syntax is broken. */
    public static SpecFile parse(SourceFile source, Diagnostics diagnostics) {
        ArchLexer lexer = new ArchLexer(CharStreams.fromString(source.text(), source.displayPath()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(new PathSegments(lexer));
        tokens.fill();
        Diagnostic tooDeep = nestingLimit(source, tokens.getTokens());
        if (tooDeep != null) {
            diagnostics.report(tooDeep);
            return null;
        }
        ArchParser parser = new ArchParser(tokens);
        parser.removeErrorListeners();
        List<SyntaxError> errors = new ArrayList<>();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                    RecognitionException e) {
                errors.add(new SyntaxError(offending instanceof Token t ? t : null, line, column, msg));
            }
        });
        ArchParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (StackOverflowError e) {
            diagnostics.report(Diagnostic.error(new Span(source, 1, 1, 1), "the file nests too deeply for the parser"
                    + " (limit " + MAX_NESTING + " levels of brackets and operators)"));
            return null;
        }
        for (Token t : tokens.getTokens()) {
            if (t.getType() == ArchLexer.ERROR_CHAR) {
                diagnostics.report(Diagnostic.error(new Span(source, t.getLine(), t.getCharPositionInLine() + 1, 1),
                        "unexpected character '" + t.getText() + "'"));
                return null;
            }
        }
        if (!errors.isEmpty()) {
            // ANTLR recovers and reports follow-on errors; the first one is the real mistake.
            diagnostics.report(describe(source, tokens.getTokens(), errors.get(0)));
            return null;
        }
        try {
            return new AstBuilder(source, tokens).file(tree);
        } catch (StackOverflowError e) {
            diagnostics.report(Diagnostic.error(new Span(source, 1, 1, 1), "the file nests too deeply for the compiler"
                    + " (limit " + MAX_NESTING + " levels of brackets and operators)"));
            return null;
        } catch (SyntaxProblem problem) {
            diagnostics.report(Diagnostic.error(problem.span(), problem.getMessage()));
            return null;
        }
    }

    /**
     * How deeply an expression may nest: brackets plus the operators of one expression (each may add a level to
     * the tree, and the parser, the tree builder and the evaluator all recurse on it). Far beyond any real spec,
     * far below what overflows a thread's stack.
     */
    public static final int MAX_NESTING = 256;
    /** Operators and openers that add a level to an expression's tree; ',' '=' '{' '}' start a new expression. */
    private static final Set<String> NESTING = Set.of("+", "-", "*", "/", "%", "@", "**", "==", "!=", "<", "<=",
            ">", ">=", "and", "or", "not", "?", ":", ".");

    /**
     * Checks, on the tokens, that no expression nests deeper than {@link #MAX_NESTING}, before the recursive
     * parser sees them: a deep stack of parentheses, lists or a long {@code a + a + ...} chain is a positioned
     * error naming the limit instead of a StackOverflowError.
     */
    private static Diagnostic nestingLimit(SourceFile source, List<Token> tokens) {
        Deque<Integer> levels = new ArrayDeque<>();
        int current = 0;
        int total = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            String text = t.getText();
            switch (text) {
                case "(", "[" -> {
                    levels.push(current);
                    total++;
                    current = 0;
                }
                case ")", "]" -> {
                    total -= current;
                    if (!levels.isEmpty()) {
                        total--;
                        current = levels.pop();
                    } else {
                        current = 0;
                    }
                }
                case ",", "=", "{", "}" -> {
                    total -= current;
                    current = 0;
                }
                default -> {
                    if (NESTING.contains(text)) {
                        current++;
                        total++;
                    }
                }
            }
            if (total > MAX_NESTING) {
                return Diagnostic.error(span(source, t), "expression nested more than " + MAX_NESTING
                        + " levels deep (brackets and operators); this is the compiler's nesting limit")
                        .withHelp("split the expression with let, or nest less");
            }
        }
        return null;
    }

    private record SyntaxError(Token token, int line, int column, String antlrMessage) {}

    /** A bracket without its partner: {@code opener} is null for a closer that closes nothing. */
    private record Unbalanced(Token opener, Token at, Token innermostAtError) {}

    private static Diagnostic describe(SourceFile source, List<Token> all, SyntaxError error) {
        Token token = error.token();
        if (token == null) {
            return Diagnostic.error(new Span(source, error.line(), error.column() + 1, 1),
                    "syntax error: " + error.antlrMessage());
        }
        List<Token> tokens = all.stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).toList();
        Unbalanced brackets = brackets(tokens, token);
        if (brackets != null && explains(brackets, token)) {
            return bracketError(source, tokens, brackets, token);
        }
        String expected = expected(error.antlrMessage());
        if (token.getType() == Token.EOF) {
            return Diagnostic.error(endOfFile(source, tokens), "unexpected end of file"
                    + (expected.isEmpty() ? "" : "; expected " + expected));
        }
        Token previous = previous(tokens, token);
        if (KEYWORDS.contains(token.getText()) && expected.contains("a name")) {
            return keywordAsName(source, token);
        }
        if (token.getText().equals("=") && previous != null && KEYWORDS.contains(previous.getText())) {
            return keywordAsName(source, previous);
        }
        String message = "unexpected '" + token.getText() + "'" + (expected.isEmpty() ? "" : "; expected " + expected);
        Diagnostic d = Diagnostic.error(span(source, token), message);
        if (token.getText().equals("}")) {
            return d.withHelp("check for a missing value before this point");
        }
        if (previous != null && endsValue(previous) && startsValue(token)
                && (expected.contains("')'") || expected.contains("']'"))) {
            return d.withHelp("is a ',' missing before '" + token.getText() + "'?");
        }
        return d;
    }

    private static boolean endsValue(Token t) {
        int type = t.getType();
        return type == ArchLexer.ID || type == ArchLexer.INT || type == ArchLexer.FLOAT || type == ArchLexer.STRING
                || t.getText().equals(")") || t.getText().equals("]");
    }

    private static boolean startsValue(Token t) {
        int type = t.getType();
        return type == ArchLexer.ID || type == ArchLexer.INT || type == ArchLexer.FLOAT || type == ArchLexer.STRING
                || t.getText().equals("(") || t.getText().equals("[");
    }

    private static Diagnostic keywordAsName(SourceFile source, Token keyword) {
        return Diagnostic.error(span(source, keyword), "'" + keyword.getText() + "' is a keyword and cannot be used"
                + " as a name").withHelp("choose another name, such as " + keyword.getText() + "_");
    }

    /**
     * Matches brackets over the whole file. Returns the first bracket without a partner, or null; also records
     * which bracket was innermost when the parser met {@code errorToken}.
     */
    private static Unbalanced brackets(List<Token> tokens, Token errorToken) {
        Deque<Token> open = new ArrayDeque<>();
        Token innermostAtError = null;
        for (Token t : tokens) {
            if (t.getTokenIndex() == errorToken.getTokenIndex()) {
                innermostAtError = open.peek();
            }
            String text = t.getText();
            if (t.getType() == Token.EOF) {
                return open.isEmpty() ? null : new Unbalanced(open.peek(), t, innermostAtError);
            } else if (text.equals("(") || text.equals("[") || text.equals("{")) {
                open.push(t);
            } else if (text.equals(")") || text.equals("]") || text.equals("}")) {
                if (!open.isEmpty() && closes(open.peek(), t)) {
                    open.pop();
                } else {
                    boolean closesAnOuterOne = open.stream().anyMatch(o -> closes(o, t));
                    return new Unbalanced(closesAnOuterOne ? open.peek() : null, t, innermostAtError);
                }
            }
        }
        return null;
    }

    private static boolean closes(Token opener, Token closer) {
        return switch (opener.getText()) {
            case "(" -> closer.getText().equals(")");
            case "[" -> closer.getText().equals("]");
            default -> closer.getText().equals("}");
        };
    }

    /**
     * Whether an unbalanced bracket is the cause of the parser's first error: the error is at the unbalanced
     * bracket itself (or the end of the file), or inside a '(' or '[' that is never closed (statements cannot be
     * there, so the parser stumbles on the line after the missing bracket).
     */
    private static boolean explains(Unbalanced b, Token errorToken) {
        if (b.at().getTokenIndex() == errorToken.getTokenIndex()) {
            return true;
        }
        return b.opener() != null && !b.opener().getText().equals("{")
                && b.opener().getTokenIndex() < errorToken.getTokenIndex()
                && errorToken.getTokenIndex() <= b.at().getTokenIndex()
                && b.innermostAtError() == b.opener();
    }

    private static Diagnostic bracketError(SourceFile source, List<Token> tokens, Unbalanced b, Token errorToken) {
        if (b.opener() == null) {
            String closer = b.at().getText();
            return Diagnostic.error(span(source, b.at()), "unmatched '" + closer + "'")
                    .withHelp("remove it, or add the '" + partner(closer) + "' it should close");
        }
        String opener = b.opener().getText();
        Span openedAt = span(source, b.opener());
        if (b.at().getType() == Token.EOF) {
            return Diagnostic.error(endOfFile(source, tokens), "unexpected end of file: '" + opener + "' is never"
                    + " closed").withNote("'" + opener + "' opened at " + openedAt.location())
                    .withHelp("add the missing '" + partner(opener) + "'");
        }
        return Diagnostic.error(openedAt, "'" + opener + "' is never closed")
                .withNote("the parser reached '" + errorToken.getText() + "' at "
                        + span(source, errorToken).location() + " still inside it")
                .withHelp("add the missing '" + partner(opener) + "'");
    }

    private static String partner(String bracket) {
        return switch (bracket) {
            case "(" -> ")";
            case ")" -> "(";
            case "[" -> "]";
            case "]" -> "[";
            case "{" -> "}";
            default -> "{";
        };
    }

    /** Just after the last token, so that the caret shows where the text stops. */
    private static Span endOfFile(SourceFile source, List<Token> tokens) {
        Token last = null;
        for (Token t : tokens) {
            if (t.getType() != Token.EOF) {
                last = t;
            }
        }
        if (last == null) {
            return new Span(source, 1, 1, 1);
        }
        String[] lines = last.getText().split("\n", -1);
        int line = last.getLine() + lines.length - 1;
        int column = (lines.length == 1 ? last.getCharPositionInLine() : 0) + lines[lines.length - 1].length() + 1;
        return new Span(source, line, column, 1);
    }

    private static Token previous(List<Token> tokens, Token token) {
        Token previous = null;
        for (Token t : tokens) {
            if (t.getTokenIndex() == token.getTokenIndex()) {
                return previous;
            }
            previous = t;
        }
        return null;
    }

    private static Span span(SourceFile source, Token t) {
        return new Span(source, t.getLine(), t.getCharPositionInLine() + 1, Math.max(1, t.getText().length()));
    }

    /** ANTLR's "expecting {'}', ID}" as "'}' or a name". */
    private static String expected(String antlrMessage) {
        int at = antlrMessage.indexOf("expecting ");
        if (at < 0) {
            return "";
        }
        String set = antlrMessage.substring(at + "expecting ".length()).strip();
        if (set.startsWith("{") && set.endsWith("}")) {
            set = set.substring(1, set.length() - 1);
        }
        List<String> items = new ArrayList<>();
        for (String item : set.split(", ")) {
            items.add(switch (item) {
                case "ID" -> "a name";
                case "INT" -> "an integer";
                case "FLOAT" -> "a number";
                case "STRING" -> "a string";
                case "<EOF>" -> "end of file";
                default -> item;
            });
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static Set<String> keywords() {
        Set<String> words = new TreeSet<>();
        for (int type = 0; type <= ArchLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = ArchLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.matches("'[a-z]+'")) {
                words.add(literal.substring(1, literal.length() - 1));
            }
        }
        return words;
    }

    private static int literalType(String literal) {
        for (int type = 0; type <= ArchLexer.VOCABULARY.getMaxTokenType(); type++) {
            if (literal.equals(ArchLexer.VOCABULARY.getLiteralName(type))) {
                return type;
            }
        }
        throw new IllegalStateException("the grammar has no token " + literal);
    }

    /**
     * The lexer reads {@code .0} as a number, so a child path such as {@code decoder5.decoder_block.0.0} would not
     * parse; right after a name (or such a segment) it is split into '.' and an integer, as the grammar means.
     */
    private static final class PathSegments implements TokenSource {
        private final ArchLexer lexer;
        private Token pending;
        private Token previous;

        PathSegments(ArchLexer lexer) {
            this.lexer = lexer;
        }

        @Override
        public Token nextToken() {
            Token t = pending != null ? pending : lexer.nextToken();
            pending = null;
            if (t.getType() == ArchLexer.FLOAT && t.getText().matches("\\.[0-9]+") && previous != null
                    && (previous.getType() == ArchLexer.ID || previous.getType() == ArchLexer.INT)
                    && previous.getStopIndex() + 1 == t.getStartIndex()) {
                CommonToken dot = new CommonToken(t);
                dot.setType(DOT);
                dot.setText(".");
                dot.setStopIndex(t.getStartIndex());
                CommonToken number = new CommonToken(t);
                number.setType(ArchLexer.INT);
                number.setText(t.getText().substring(1));
                number.setStartIndex(t.getStartIndex() + 1);
                number.setCharPositionInLine(t.getCharPositionInLine() + 1);
                pending = number;
                t = dot;
            }
            previous = t;
            return t;
        }

        @Override
        public int getLine() {
            return lexer.getLine();
        }

        @Override
        public int getCharPositionInLine() {
            return lexer.getCharPositionInLine();
        }

        @Override
        public CharStream getInputStream() {
            return lexer.getInputStream();
        }

        @Override
        public String getSourceName() {
            return lexer.getSourceName();
        }

        @Override
        public void setTokenFactory(TokenFactory<?> factory) {
            lexer.setTokenFactory(factory);
        }

        @Override
        public TokenFactory<?> getTokenFactory() {
            return lexer.getTokenFactory();
        }
    }
}
