package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.model.Value;

/** Enum constants belong to their enum; names declared under an 'if' that did not hold. */
class EnumScopeTest {
    private static final String ENUMS = """
            enum EfMode { shared, separate, matrix }
            enum QK { shared, separate }

            """;
    // Att: a 1×1×1 convolution (c·c + c) when ef is shared and qk separate, else 3×3×3 (27·c·c + c).
    private static final String NET = ENUMS + """
            block Att(c: int, ef: EfMode = shared, qk: QK = separate) {
              if ef == shared and qk == QK.separate {
                a = Conv3d(c, c, 1)
              } else {
                a = Conv3d(c, c, 3, 1, 1)
              }
              forward(x) {
                return a(x)
              }
            }

            network Net(c: int = 4, ef: EfMode = EfMode.shared) {
              input x: [B, c, 4, 4, 4]
              m = Att(c, ef)
              forward(x) {
                return m(x)
              }
            }

            variant qk_shared = Net() with { Att.qk = shared }
            variant ef_separate = Net(ef = separate)
            """;

    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    private NetworkModel model(String text, String name) {
        specs.write("net.arch", text);
        return Compiler.elaborate(Compiler.loadFiles(List.of(dir.resolve("net.arch"))), name, Map.of());
    }

    @Test
    void aConstantTwoEnumsDeclareTakesItsEnumFromWhereItIsUsed() {
        assertFalse(specs.write("net.arch", NET).check("net.arch").hasErrors());
        assertEquals(4 * 4 + 4, model(NET, "Net").parameterCount());
        assertEquals(27 * 16 + 4, model(NET, "qk_shared").parameterCount());
        NetworkModel separate = model(NET, "ef_separate");
        assertEquals(new Value.EnumConst("EfMode", "separate"), separate.parameters().get("ef"));
        assertEquals(27 * 16 + 4, separate.parameterCount());
    }

    @Test
    void whereNothingTellsTheEnumTheConstantMustBeQualified() {
        specs.write("net.arch", ENUMS + """
                block Att(c: int) {
                  let mode = shared
                  a = Conv3d(c, c, 1)
                  forward(x) {
                    return a(x)
                  }
                }

                network Net(c: int = 4) {
                  input x: [B, c, 4, 4, 4]
                  m = Att(c)
                  forward(x) {
                    return m(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:5:14: error: 'shared' is a constant of EfMode and QK; say which",
                List.of("in Att at 'm'"), "write EfMode.shared or QK.shared");
    }

    @Test
    void aQualifiedConstantThatDoesNotExist() {
        specs.write("net.arch", NET.replace("ef: EfMode = EfMode.shared", "ef: EfMode = EfMode.sahred"));
        specs.assertOnly(specs.check("net.arch"), "net.arch:15:38: error: enum EfMode has no constant 'sahred'",
                List.of(), "did you mean 'shared'?");
    }

    @Test
    void comparingConstantsOfDifferentEnums() {
        specs.write("net.arch", NET.replace("ef == shared and", "ef == QK.shared and"));
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:5:9: error: cannot compare EfMode shared with QK shared");
    }

    @Test
    void aNameDeclaredOnlyUnderAFalseCondition() {
        specs.write("net.arch", """
                block Blk(c: int, extra: bool = false) {
                  a = Conv3d(c, c, 1)
                  if extra {
                    b = Conv3d(c, c, 1)
                  }
                  forward(x) {
                    return b(a(x))
                  }
                }

                network Net(c: int = 4) {
                  input x: [B, c, 4, 4, 4]
                  m = Blk(c)
                  forward(x) {
                    return m(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:7:12: error: 'b' exists only when extra (declared at net.arch:4:5), which does not hold here",
                List.of("in Blk at 'm'"), null);
    }
}
