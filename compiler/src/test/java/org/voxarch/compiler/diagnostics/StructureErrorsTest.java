package org.voxarch.compiler.diagnostics;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How blocks are put together: children, aliases, containers, cycles, inputs and returns. */
class StructureErrorsTest {
    @TempDir
    Path dir;
    Specs specs;

    @BeforeEach
    void setUp() {
        specs = new Specs(dir);
    }

    @Test
    void blockContainingItself() {
        specs.write("net.arch", """
                block Loop(c: int) {
                  conv = Conv3d(c, c, 3, 1, 1)
                  inner = Loop(c)
                  forward(x) {
                    return inner(conv(x))
                  }
                }

                network Net(cin: int = 1) {
                  input x: [B, cin, 16, 16, 16]
                  body = Loop(cin)
                  forward(x) {
                    return body(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:11: error: block Loop contains itself: Loop → Loop",
                List.of(), "a block cannot be a descendant of itself");
    }

    @Test
    void blockContainingItselfThroughAnotherIsOneError() {
        specs.write("net.arch", """
                block Outer(c: int) {
                  inner = Inner(c)
                  forward(x) {
                    return inner(x)
                  }
                }

                block Inner(c: int) {
                  conv = Conv3d(c, c, 3, 1, 1)
                  again = Sequential(Outer(c))
                  forward(x) {
                    return again(conv(x))
                  }
                }

                network Net(cin: int = 1) {
                  input x: [B, cin, 16, 16, 16]
                  body = Outer(cin)
                  forward(x) {
                    return body(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:10:22: error: block Outer contains itself: Outer → Inner → Outer");
    }

    @Test
    void duplicateChildName() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  head = UnetOutBlock(width, 2)
                  stem = UnetResBlock(width, width)
                  forward(x) {
                    return head(stem(x))
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:7:3: error: 'stem' is already a child of Net",
                List.of("first declared at net.arch:5:3"), "names in a block must be unique; they become weight names");
    }

    @Test
    void childNamedLikeAParameter() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  width = UnetResBlock(cin, 8)
                  forward(x) {
                    return width(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:5:3: error: 'width' is already a parameter of Net");
    }

    @Test
    void forwardWithoutReturn() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  forward(x) {
                    y = stem(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:6:3: error: forward of Net returns nothing", List.of(),
                "end forward with: return <value>");
    }

    @Test
    void returnOnOneBranchOnly() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8, deep: bool = true) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  forward(x) {
                    y = stem(x)
                    if deep {
                      return y
                    }
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:8:5: error: forward of Net returns nothing when this condition is false", List.of(),
                "add a return after the 'if', or an 'else' branch that returns");
    }

    @Test
    void returnMissingAtTheEndOfAnElseIfChain() {
        specs.write("net.arch", """
                network Net(cin: int = 1, mode: int = 0) {
                  input x: [B, cin, 16, 16, 16]
                  forward(x) {
                    if mode == 0 {
                      return x
                    } else if mode == 1 {
                      return x * 2
                    }
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:6:12: error: forward of Net returns nothing when this condition is false");
    }

    @Test
    void assigningToAChildInForward() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  head = UnetOutBlock(width, 2)
                  forward(x) {
                    stem = stem(x)
                    return head(stem)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:8:5: error: cannot assign to 'stem': it is a child of Net",
                List.of(), "choose another local name");
    }

    @Test
    void callingABlockDirectlyInForward() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  forward(x) {
                    return UnetResBlock(cin, width)(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:6:12: error: block UnetResBlock must be declared as a"
                + " child in the body and called by its child name in forward", List.of(),
                "declare it in the body, e.g. unet_res_block = UnetResBlock(cin, width), then call it here");
    }

    @Test
    void callingALayerDirectlyInForward() {
        specs.write("net.arch", """
                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  forward(x) {
                    return Conv3d(cin, width, 1)(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"), "net.arch:4:12: error: layer Conv3d must be declared as a"
                + " child in the body and called by its child name in forward");
    }

    @Test
    void moduleAsAValue() {
        specs.write("net.arch", """
                network Net(cin: int = 1) {
                  input x: [B, cin, 16]
                  let proj = Linear(1, 2)
                  forward(x) {
                    return x
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:3:14: error: 'proj' is a module; declare it as a child without 'let'", List.of(),
                "write: proj = ...");
    }

    @Test
    void valueAsAChild() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  hidden = width * 2
                  stem = UnetResBlock(cin, hidden)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        // hidden is poisoned, so stem is not built and not called: one error.
        specs.assertOnly(specs.check("net.arch"), "net.arch:5:3: error: 'hidden' is int 16, not a module or parameter",
                List.of(), "declare constants with: let hidden = ...");
    }

    @Test
    void listOfModulesNotWrappedInModuleList() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  stages = [UnetResBlock(width, width) for i in range(2)]
                  forward(x) {
                    return stages[1](stages[0](stem(x)))
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:6:12: error: a list of modules must be wrapped to be registered", List.of(),
                "write ModuleList([...]) for indexed children, or Sequential([...]) to chain them");
    }

    @Test
    void moduleListCalledDirectly() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  stages = ModuleList([UnetResBlock(width, width) for i in range(2)])
                  forward(x) {
                    return stages(stem(x))
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:8:12: error: a ModuleList is not callable; call one of its items, e.g. name[0](x)");
    }

    @Test
    void moduleListIndexOutOfRange() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, width)
                  stages = ModuleList([UnetResBlock(width, width) for i in range(2)])
                  forward(x) {
                    return stages[2](stem(x))
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"),
                "net.arch:8:19: error: index 2 is out of range for stages, which has 2 items", List.of(),
                "valid indices are 0 to 1");
    }

    @Test
    void listParameterIndexOutOfRange() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, dims: [int] = [8, 16]) {
                  input x: [B, cin, 16, 16, 16]
                  stem = UnetResBlock(cin, dims[0])
                  mid = UnetResBlock(dims[0], dims[2])
                  forward(x) {
                    return mid(stem(x))
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:6:36: error: index 2 is out of range for dims, which has 2 items");
    }

    @Test
    void aChildUsedTwiceInContainers() {
        specs.write("net.arch", """
                network Net(cin: int = 1) {
                  input x: [B, cin, 8]
                  lin = Linear(8, 8)
                  chain = Sequential(lin)
                  forward(x) {
                    return chain(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:4:11: error: Sequential holds new modules; item 0 is already the child 'lin'");
    }

    @Test
    void networkWithoutInput() {
        specs.write("net.arch", """
                import "std/layers.arch"

                network Net(cin: int = 1, width: int = 8) {
                  stem = UnetResBlock(cin, width)
                  forward(x) {
                    return stem(x)
                  }
                }
                """);
        specs.assertOnly(specs.check("net.arch"), "net.arch:3:9: error: network 'Net' declares no input", List.of(),
                "add a line such as: input x: [B, in_channels, *patch]");
    }

    @Test
    void blockDeclaringAnInput() {
        specs.write("net.arch", """
                block Head(c: int) {
                  input y: [B, c]
                  lin = Linear(c, c)
                  forward(x) {
                    return lin(x)
                  }
                }

                network Net(c: int = 4) {
                  input x: [B, c]
                  head = Head(c)
                  forward(x) {
                    return head(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:2:3: error: block 'Head' declares an input; only networks do");
    }

    @Test
    void batchDimensionNotFirst() {
        specs.write("net.arch", """
                network Net(cin: int = 1) {
                  input x: [cin, B, 16, 16, 16]
                  conv = Conv3d(cin, 4, 3)
                  forward(x) {
                    return conv(x)
                  }
                }
                """);
        specs.assertHeadlines(specs.check("net.arch"),
                "net.arch:2:12: error: the batch dimension B must come first, got [1, B, 16, 16, 16]");
    }
}
