package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
