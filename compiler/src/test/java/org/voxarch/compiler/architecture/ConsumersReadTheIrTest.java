package org.voxarch.compiler.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiler's consumers read the typed IR, not the AST or the elaborator (issue 8): {@code report} uses neither
 * the AST nor {@code eval} nor the mutable instance tree; {@code codegen} never uses {@code eval} nor the AST's
 * forward statements, and only the classes listed in {@link #CODEGEN_AST_READERS} (declarations: files, networks,
 * variants; never block bodies) may use AST declarations and expressions. A class that stops needing the AST must
 * leave the list, so it only shrinks.
 */
class ConsumersReadTheIrTest {
    private static final Path SOURCES = Path.of("src/main/java/org/voxarch/compiler");
    private static final Pattern REFERENCE = Pattern.compile("org\\.voxarch\\.compiler\\.([a-z]+)\\.([A-Z]\\w*)");

    /** The model types reports may use: plain values, no instance tree, no elaboration result. */
    private static final Set<String> MODEL_VALUES = Set.of("model.Shape", "model.StateKey");

    /** codegen classes that still read AST declarations or expressions, and why. */
    private static final Set<String> CODEGEN_AST_READERS = Set.of(
            // Which blocks, enums and files a generation covers (declarations, not bodies).
            "JavaGenerator", "ModuleClasses", "SpecFileClassWriter",
            // Network and variant classes: the network's parameters, the variants' overrides and replacements
            // (variants are declarations the IR does not hold yet).
            "ChildTypes", "NetworkClassWriter", "NetworkContract", "OverrideTargets", "ParametersRecord",
            "ReplacedChildren");

    @Test
    void reportReadsOnlyTheIr() {
        List<String> violations = new ArrayList<>();
        references("report").forEach((cls, refs) -> {
            for (String ref : refs) {
                if (ref.startsWith("ast.") || ref.startsWith("eval.") || ref.startsWith("resolve.")
                        || ref.startsWith("model.") && !MODEL_VALUES.contains(ref)) {
                    violations.add("report." + cls + " uses " + ref);
                }
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void codegenNeverReadsTheElaboratorNorForwardStatements() {
        List<String> violations = new ArrayList<>();
        references("codegen").forEach((cls, refs) -> violations.addAll(codegenViolations(cls, refs)));
        assertEquals(List.of(), violations);
    }

    @Test
    void theListOfAstReadersOnlyShrinks() {
        Map<String, Set<String>> refs = references("codegen");
        List<String> stale = CODEGEN_AST_READERS.stream()
                .filter(cls -> refs.getOrDefault(cls, Set.of()).stream().noneMatch(r -> r.startsWith("ast.")))
                .sorted().toList();
        assertEquals(List.of(), stale, "these classes no longer read the AST: remove them from the list");
    }

    @Test
    void theRulesCatchAnImportOfTheAstOrTheElaborator() {
        assertEquals(List.of("codegen.ForwardWriter uses ast.ForwardStmt", "codegen.ForwardWriter uses eval.Env"),
                codegenViolations("ForwardWriter", scan("import org.voxarch.compiler.ast.ForwardStmt;\n"
                        + "import org.voxarch.compiler.eval.Env;\nimport org.voxarch.compiler.ir.Stmt;\n")));
        assertEquals(List.of("codegen.InstanceShapes uses ast.Expr"),
                codegenViolations("InstanceShapes", scan("org.voxarch.compiler.ast.Expr e;")));
        assertTrue(codegenViolations("ReplacedChildren", scan("org.voxarch.compiler.ast.Decl d;")).isEmpty());
    }

    private static List<String> codegenViolations(String cls, Set<String> refs) {
        List<String> out = new ArrayList<>();
        for (String ref : refs) {
            boolean forward = ref.equals("ast.ForwardStmt");
            boolean ast = ref.startsWith("ast.") && !CODEGEN_AST_READERS.contains(cls);
            if (ref.startsWith("eval.") || forward || ast) {
                out.add("codegen." + cls + " uses " + ref);
            }
        }
        return out;
    }

    /** Each class of a package (by file name) to the compiler classes it names, as {@code package.Class}. */
    private static Map<String, Set<String>> references(String pkg) {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String cls = file.getFileName().toString().replace(".java", "");
                out.put(cls, scan(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Set<String> scan(String source) {
        Set<String> refs = new TreeSet<>();
        Matcher m = REFERENCE.matcher(source);
        while (m.find()) {
            refs.add(m.group(1) + "." + m.group(2));
        }
        return refs;
    }
}
