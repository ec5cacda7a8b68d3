package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syntax mistakes: one diagnostic at the place to fix, never ANTLR's follow-on errors. */
class SyntaxErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    @Test
    void missingClosingParenthesisIsReportedAtTheOpeningOne() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                    return head(stem(x))
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:22: error: '(' is never closed",
                List.of("the parser reached 'head' at net.arch:6:3 still inside it"), "add the missing ')'");
    }

    /** A float beyond double's range would be read as Infinity, which the generated Java cannot spell. */
    @Test
    void floatBeyondDoubleRangeIsAnError() {
        specs.write("net.arch", """
                network Net(p: float = 1e309) {
                  input x: [B, 4]
                  forward(x) {
                    return x
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:1:24: error: number 1e309 is too large");
    }

    @Test
    void missingClosingParenthesisInForward() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  forward(x) {
                    y = stem(x
                    return y
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:7:13: error: '(' is never closed");
    }

    @Test
    void closingParenthesisWithoutOpeningOne() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width))
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:34: error: unmatched ')'", List.of(),
                "remove it, or add the '(' it should close");
    }

    @Test
    void strayCharacter() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width) $
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:35: error: unexpected character '$'");
    }

    @Test
    void keywordAsAChildName() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  let = UnetResBlock(cin, width)
                  forward(x) {
                    return x
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:5:3: error: 'let' is a keyword and cannot be used as a name", List.of(),
                "choose another name, such as let_");
    }

    @Test
    void keywordAsALocalName() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  forward(x) {
                    in = stem(x)
                    return in
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:7:5: error: 'in' is a keyword and cannot be used as a name");
    }

    @Test
    void unexpectedEndOfFileNamesTheUnclosedBrace() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1) {
                  input x: [B, cin, 16, 16, 16]
                  forward(x) {
                    return x
                  }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:7:4: error: unexpected end of file: '{' is never closed",
                List.of("'{' opened at net.arch:3:27"), "add the missing '}'");
    }

    @Test
    void unexpectedEndOfFileInAVariant() {
        specs.write("net.arch", """
                network Net(cin: int = 1) {
                  input x: [B, cin, 16, 16, 16]
                  forward(x) {
                    return x
                  }
                }

                variant wide = Net(cin = 2) with""");
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:8:33: error: unexpected end of file; expected '{'");
    }

    @Test
    void missingCommaBetweenArguments() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin width)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:27: error: unexpected 'width'; expected ')'",
                List.of(), "is a ',' missing before 'width'?");
    }

    @Test
    void aSyntaxErrorInAnImportedFileNamesThatFile() {
        specs.write("lib.arch", """
                block Twice(c: int) {
                  lin = Linear(c, c
                  forward(x) {
                    return lin(x)
                  }
                }
                """);
        specs.write("net.arch", """
                import "lib.arch"

                network Net(c: int = 4) {
                  input x: [B, c]
                  twice = Twice(c)
                  forward(x) {
                    return twice(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "lib.arch:2:15: error: '(' is never closed");
    }
}
