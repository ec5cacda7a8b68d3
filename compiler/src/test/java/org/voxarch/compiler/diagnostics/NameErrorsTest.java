package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that resolve to nothing: one error at the misspelt name, with a suggestion when one is close. */
class NameErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    @Test
    void unknownVariableSuggestsTheParameter() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, widht)
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                    return head(stem(x))
                  }
                }
                """);
        // stem is poisoned: calling it in forward is not a second error.
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:28: error: unknown name 'widht'", List.of(),
                "did you mean 'width'?");
    }

    @Test
    void unknownLocalInForward() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                    features = stem(x)
                    return head(feature)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:9:17: error: unknown name 'feature'", List.of(),
                "did you mean 'features'?");
    }

    @Test
    void everyUseOfAMissingNameIsOneError() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  mid = UnetResBlock(width, width)
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                    return head(mid(stem(x)))
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:28: error: unknown name 'width'",
                List.of("also used on lines 6 and 7"), null);
    }

    @Test
    void unknownBlock() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlok(cin, width)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:5:10: error: unknown block, layer or function 'UnetResBlok'", List.of(),
                "did you mean 'UnetResBlock'?");
    }

    @Test
    void unknownLayer() {
        specs.write("net.arch", """
                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  conv = Conv3D(cin, width, 3, 1, 1)
                  forward(x) {
                    return conv(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:10: error: unknown block, layer or function 'Conv3D'",
                List.of(), "did you mean 'Conv3d'?");
    }

    @Test
    void unknownFunctionInForward() {
        specs.write("net.arch", """
                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  conv = Conv3d(cin, width, 3, 1, 1)
                  forward(x) {
                    return sigmod(conv(x))
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:12: error: unknown block, layer or function 'sigmod'",
                List.of(), "did you mean 'sigmoid'?");
    }

    @Test
    void unknownFunctionInAConstant() {
        specs.write("net.arch", """
                network Net(cin: int = 1, patch: [int] = [16, 16, 16]) {
                  let voxels = prdo(patch)
                  input x: [B, cin, *patch]
                  forward(x) {
                    return x
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:2:16: error: unknown block, layer or function 'prdo'",
                List.of(), "did you mean 'prod'?");
    }

    @Test
    void unknownParameterType() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: flaot = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:34: error: unknown type 'flaot'", List.of(),
                "did you mean 'float'?");
    }

    @Test
    void unknownEnumTypeOfABlockParameter() {
        specs.write("net.arch", """
                import "std/layers.arch"

                block Stage(cin: int, cout: int, norm: Nrom = instance) {
                  res = UnetResBlock(cin, cout, norm = norm)
                  forward(x) {
                    return res(x)
                  }
                }

                network Net(cin: int = 1) {
                  input x: [B, cin, 16, 16, 16]
                  stage = Stage(cin, 8)
                  forward(x) {
                    return stage(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:40: error: unknown type 'Nrom'", List.of(),
                "did you mean 'Norm'?");
    }

    @Test
    void unknownEnumConstant() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width, norm = instnce)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:42: error: unknown name 'instnce'", List.of(),
                "did you mean 'instance'?");
    }

    @Test
    void unknownEnumConstantInAVariant() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, norm: Norm = instance) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, 8, norm = norm)
                  forward(x) {
                    return stem(x)
                  }
                }

                variant batched = Net(norm = bacth)
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:11:30: error: unknown name 'bacth'", List.of(),
                "did you mean 'batch'?");
    }

    @Test
    void unknownStandardLibraryFile() {
        specs.write("net.arch", """
                import "std/layer.arch"

                network Net(cin: int = 1) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, 8)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        // The blocks the file would have declared are missing, but their uses are not reported as well.
        specs.assertOnly(specs.check("net.arch"), "net.arch:1:1: error: cannot find imported file \"std/layer.arch\"",
                List.of(), "did you mean \"std/layers.arch\"?");
    }

    @Test
    void unknownImportBesideTheSpec() {
        specs.copyUnetrpp();
        String at = specs.at("unetrpp.arch", "import \"blocks.arch\"");
        specs.edit("unetrpp.arch", "import \"blocks.arch\"", "import \"block.arch\"");
        specs.assertOnly(specs.check("unetrpp.arch"), at + ": error: cannot find imported file \"block.arch\"",
                List.of(), "did you mean \"blocks.arch\"?");
    }
}
