package org.voxarch.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxarch.compiler.Compiler;
import org.voxarch.compiler.model.NetworkModel;
import org.voxarch.compiler.resolve.Program;

/** The IR of a small spec: names resolved, nodes typed, instances frozen with the shapes their statements had. */
class IrBuilderTest {
    private static final String SPEC = """
            enum Mode { plain, gated }

            block Mix(hidden: int, heads = 2, scale = 0.5, mode: Mode = plain) {
              let head_dim = hidden / heads
              proj = Linear(hidden, hidden)
              forward(x) {
                y = reshape(proj(x), [B, 4, heads, head_dim])
                if mode == gated {
                  y = y * scale
                }
                return reshape(y, [B, 4, hidden])
              }
            }

            network Net(c: int = 8) {
              input x: [B, 4, c]
              first = Mix(c)
              second = Mix(2 * c, mode = Mode.gated)
              up = Linear(c, 2 * c)
              forward(x) {
                a = first(x)
                return second(up(a))
              }
            }
            """;

    @TempDir
    static Path dir;
    private static ProgramIr ir;
    private static NetworkModel model;

    @BeforeAll
    static void build() throws IOException {
        Path file = dir.resolve("net.arch");
        Files.writeString(file, SPEC);
        Program program = Compiler.loadFiles(List.of(file));
        model = Compiler.elaborate(program, "Net", Map.of());
        ir = IrBuilder.program(program, List.of(model));
    }

    @Test
    void parametersTakeTheirDeclaredTypeElseTheirDefaults() {
        BlockIr mix = ir.block("Mix");
        assertEquals(Type.INT, mix.param("hidden").type());
        assertTrue(mix.param("hidden").declared());
        assertEquals(Type.INT, mix.param("heads").type());
        assertFalse(mix.param("heads").declared());
        assertEquals(Type.FLOAT, mix.param("scale").type());
        assertEquals(Type.enumType("Mode"), mix.param("mode").type());
        BlockIr.Let headDim = (BlockIr.Let) mix.body().get(0);
        assertEquals(Type.INT, headDim.type(), "int / int floors, as in Python");
        BlockIr.Child proj = (BlockIr.Child) mix.body().get(1);
        assertEquals(Type.module("Linear"), proj.type());
        Expr.Construct construct = assertInstanceOf(Expr.Construct.class, proj.value());
        assertEquals(Expr.ConstructKind.PRIMITIVE, construct.kind());
    }

    @Test
    void forwardNamesAreResolvedAndTyped() {
        Forward forward = ir.block("Mix").forward();
        assertTrue(forward.usesBatch());
        assertFalse(forward.returnsSeveral());
        Stmt.Assign first = (Stmt.Assign) forward.body().get(0);
        Expr.BuiltinCall reshape = assertInstanceOf(Expr.BuiltinCall.class, first.value());
        assertEquals("reshape", reshape.name());
        assertEquals(Type.TENSOR, reshape.type());
        Expr.ModuleCall call = assertInstanceOf(Expr.ModuleCall.class, reshape.args().get(0).value());
        assertEquals(new Expr.Ref(call.callee().span(), Type.module("Linear"), "proj", Expr.Binding.CHILD),
                call.callee());
        Expr.ListLit dims = assertInstanceOf(Expr.ListLit.class, reshape.args().get(1).value());
        assertEquals(Type.listOf(Type.INT), dims.type());
        List<Expr.Binding> bindings = new ArrayList<>();
        dims.items().forEach(i -> bindings.add(i.value() instanceof Expr.Ref r ? r.binding() : null));
        assertEquals(java.util.Arrays.asList(Expr.Binding.BATCH, null, Expr.Binding.PARAMETER,
                Expr.Binding.CONSTANT), bindings);
        Stmt.If branch = (Stmt.If) forward.body().get(1);
        Expr.Binary condition = assertInstanceOf(Expr.Binary.class, branch.condition());
        assertEquals(Type.BOOL, condition.type());
        assertInstanceOf(Expr.EnumConst.class, condition.right());
        Expr.Binary scaled = (Expr.Binary) ((Stmt.Assign) branch.then().get(0)).value();
        assertEquals(Type.TENSOR, scaled.type(), "tensor * float is a tensor by the operator's registry entry");
        List<String> assigned = new ArrayList<>();
        Stmts.assignedNames(forward.body(), assigned);
        assertEquals(List.of("y", "y"), assigned);
    }

    @Test
    void eachInstanceKeepsItsArgumentsAndStatementShapes() {
        BlockIr mix = ir.block("Mix");
        assertEquals(2, mix.instances().size());
        ModuleNode first = mix.instances().get(0);
        ModuleNode second = mix.instances().get(1);
        assertEquals("first", first.path());
        assertEquals(new Constant.Int(16), second.args().get("hidden"));
        assertEquals(new Constant.EnumConst("Mode", "gated"), second.args().get("mode"));
        Stmt ret = mix.forward().body().get(2);
        assertEquals("[B, 4, 8]", first.statementShapes().get(ret.span()));
        assertEquals("[B, 4, 16]", second.statementShapes().get(ret.span()));
        Stmt gated = ((Stmt.If) mix.forward().body().get(1)).then().get(0);
        assertFalse(first.statementShapes().containsKey(gated.span()), "first never takes the gated branch");
        assertNotNull(second.statementShapes().get(gated.span()));
    }

    @Test
    void theFrozenNetworkAgreesWithTheElaborationAndCannotBeChanged() {
        NetworkIr net = ir.networks().get(0);
        assertEquals(model.parameterCount(), net.parameterCount());
        assertEquals(model.flops(), net.flops());
        assertEquals(model.trainingActivationBytes(), net.trainingActivationBytes());
        assertEquals(model.stateKeys().size(), net.stateKeys().size());
        assertEquals(new Constant.Int(8), net.parameters().get("c"));
        assertEquals(List.of("x"), net.forward().params());
        assertThrows(UnsupportedOperationException.class, () -> net.root().args().put("c", new Constant.Int(1)));
        assertThrows(UnsupportedOperationException.class, () -> net.root().entries().clear());
        assertThrows(UnsupportedOperationException.class, () -> net.parameters().clear());
    }
}
