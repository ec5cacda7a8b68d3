package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxarch.models.UnetrppAcdc;
import org.voxarch.models.UnetrppBrats;
import org.voxarch.models.UnetrppLung;
import org.voxarch.models.UnetrppSynapse;
import org.voxarch.runtime.io.StateDict;
import org.voxarch.runtime.io.StateEntry;
import org.voxarch.runtime.nn.ArchModule;
import org.voxarch.runtime.nn.NetworkInfo;

/**
 * The built modules against the spec's own figures and the reference's: keys, order and shapes equal the
 * reference key lists; parameter counts are the reference's, counted on the live module and in {@code INFO}.
 */
class GeneratedMetadataTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("synapse", (Supplier<ArchModule>) UnetrppSynapse::new, UnetrppSynapse.INFO, 42_952_850L),
                Arguments.of("acdc", (Supplier<ArchModule>) UnetrppAcdc::new, UnetrppAcdc.INFO, 66_796_404L),
                Arguments.of("tumor", (Supplier<ArchModule>) UnetrppBrats::new, UnetrppBrats.INFO, 42_647_604L),
                Arguments.of("lung", (Supplier<ArchModule>) UnetrppLung::new, UnetrppLung.INFO, 121_174_798L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void builtModuleMatchesSpecAndReference(String variant, Supplier<ArchModule> build, NetworkInfo info,
            long expectedParameters) throws IOException {
        List<String> reference = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.file("keys_" + variant + ".tsv"))) {
            if (!line.startsWith("#")) {
                String[] cols = line.split("\t");
                reference.add(cols[0] + "\t" + cols[1]);
            }
        }
        ArchModule net = build.get();
        List<String> built = new ArrayList<>();
        for (StateEntry e : StateDict.entries(net)) {
            built.add(e.key() + "\t" + StateDict.formatShape(e.tensor().sizes().vec().get()));
        }
        List<String> spec = info.keys().stream().map(k -> k.name() + "\t" + k.shapeText()).toList();
        assertEquals(reference, built, "keys of the built module vs keys_" + variant + ".tsv");
        assertEquals(reference, spec, "keys in INFO vs keys_" + variant + ".tsv");
        assertEquals(expectedParameters, info.parameterCount(), "parameters from the spec");
        assertEquals(expectedParameters, StateDict.parameterCount(net), "parameters of the built module");
    }
}
