package org.voxarch.compiler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.diag.CompileException;

/**
 * Code that no elaboration reaches (a branch the defaults do not take, a default every call overrides, a block no
 * network builds) is generated all the same, so {@code check} types it from the declared parameter types
 * (eval.StaticTypes). Each spec here passed {@code check} before and its generated Java did not compile.
 */
class UnreachedCodeTypesTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    private void network(String params, String body, String blocks) {
        specs.write("net.arch", "network Net(" + params + ") {\n  input x: [B, 2, 4, 4, 4]\n" + body
                + "\n  forward(x) {\n    return x\n  }\n}\n" + blocks);
    }

    @Test
    void aFloatForAnIntLayerArgumentInABranchNotTaken() {
        network("aux: bool = false", "  if aux {\n    head = Conv3d(2, 0.5, 1)\n  }", "");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "0.5") + ": error: Conv3d parameter"
                + " 'out' expects int but got float 0.5");
    }

    @Test
    void aFloatParameterForAnIntLayerArgumentInABranchNotTaken() {
        network("aux: bool = false, rate: float = 2.0", "  if aux {\n    head = Conv3d(2, rate, 1)\n  }", "");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "rate, 1") + ": error: Conv3d"
                + " parameter 'out' expects int but got a float");
    }

    @Test
    void boolArithmeticInADefaultNoCallUses() {
        network("", "  b = Blk(2, gate = false)",
                "block Blk(c: int, gate: bool = true + true) {\n  forward(x) {\n    return x\n  }\n}\n");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "+ true") + ": error: cannot apply '+'"
                + " to bool true and bool true");
    }

    @Test
    void aDefaultOfTheWrongTypeInABlockNothingBuilds() {
        network("", "", "block Unused(c: int = 1.5) {\n  forward(x) {\n    return x\n  }\n}\n");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "1.5") + ": error: Unused parameter 'c'"
                + " expects int but got float 1.5");
    }

    @Test
    void aBlockArgumentOfTheWrongTypeInTheElseBranch() {
        network("plain: bool = true", "  if plain {\n    b = Blk(2)\n  } else {\n    b = Blk(\"two\")\n  }",
                "block Blk(c: int) {\n  forward(x) {\n    return x\n  }\n}\n");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "\"two\"") + ": error: Blk parameter"
                + " 'c' expects int but got string \"two\"");
    }

    @Test
    void anOperatorThatFailsOnlyForSomeValuesIsLeftToElaboration() {
        // n - 1 is 0 for n = 1 only: the division is wrong for some values, not for the type.
        network("aux: bool = false, n: int = 3", "  if aux {\n    head = Conv3d(2, 8 / (n - 1), 1)\n  }", "");
        specs.assertHeadlines(specs.check("net.arch"));
    }

    @Test
    void listsOfListsAreRefusedWhereverTheyAreMade() {
        network("", "  conv = Conv3d(2, len([[i * j for j in range(3)] for i in range(3)]), 1)", "");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "[[i") + ": error: this makes a list of"
                + " lists, which generated code cannot hold; a list holds numbers, bools, strings, enum constants or"
                + " tensors");
    }

    @Test
    void aListOfListsInABranchNotTaken() {
        network("aux: bool = false", "  if aux {\n    let table = [[1, 2], [3, 4]]\n  }", "");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "[[1") + ": error: this makes a list of"
                + " lists, which generated code cannot hold; a list holds numbers, bools, strings, enum constants or"
                + " tensors");
    }

    @Test
    void aLayerMissingARequiredParameterInABranchNotTaken() {
        network("aux: bool = false", "  if aux {\n    head = Conv3d(2, 1, )\n  }", "");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "Conv3d(") + ": error: Conv3d is missing"
                + " parameter 'kernel'");
    }

    @Test
    void anOperatorOnALayerInABranchNotTaken() {
        network("aux: bool = false", "  if aux {\n    head = not Conv3d(2, 1, 1)\n  }", "");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "not") + ": error: 'not' needs a bool,"
                + " got layer Conv3d");
    }

    @Test
    void aListCalledInAReturnNotReached() {
        specs.write("net.arch", """
                network Net(deep: bool = true) {
                  input x: [B, 2, 4, 4, 4]
                  let dims = [2, 4]
                  forward(x) {
                    if deep {
                      return x
                    }
                    return dims(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "dims(x)") + ": error: 'dims' is [int] [2, 4]"
                + " and cannot be called");
    }

    @Test
    void anIndexNoListCanHaveInABranchNotTaken() {
        network("aux: bool = false", "  let widths = [2, 4]\n  if aux {\n    head = Conv3d(widths[4294967296], 1, 1)\n"
                + "  }", "");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "4294967296") + ": error: index"
                + " 4294967296 is out of range for any list; lists are limited to 100000 items");
    }

    @Test
    void generatingRefusesWhatCheckRefusesInABranchNotTaken() {
        // generate and --spec load the files and elaborate without check: loading types every branch itself.
        network("aux: bool = false", "  if aux {\n    head = not Conv3d(2, 1, 1)\n  }", "");
        CompileException e = assertThrows(CompileException.class, () -> Compiler.loadFiles(List.of(dir.resolve(
                "net.arch"))));
        specs.assertHeadlines(e.diagnostics(), specs.at("net.arch", "not") + ": error: 'not' needs a bool, got layer"
                + " Conv3d");
    }

    @Test
    void aTensorCalledInAForwardBranchNotTaken() {
        specs.write("net.arch", """
                network Net(deep: bool = true) {
                  input x: [B, 2, 4, 4, 4]
                  forward(x) {
                    h = x + x
                    if deep {
                      return h
                    }
                    return h(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", "h(x)") + ": error: 'h' is a tensor and"
                + " cannot be called");
    }

    @Test
    void aComprehensionVariableNamedLikeAParameter() {
        network("", "  b = Blk(2)", "block Blk(c: int) {\n  seq = Sequential([Conv3d(2, 2, 1) for c in range(1)])\n"
                + "  forward(x) {\n    return seq(x)\n  }\n}\n");
        specs.assertHeadlines(specs.check("net.arch"), specs.at("net.arch", 4, "c in") + ": error: comprehension"
                + " variable 'c' has the name of a parameter, constant or child of this block");
    }
}
