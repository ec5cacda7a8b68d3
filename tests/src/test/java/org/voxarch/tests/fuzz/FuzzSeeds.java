package org.voxarch.tests.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The specs the fuzzer starts from: the shipped UNETR++ family, the standard library and generated specs. */
final class FuzzSeeds {
    /** Files written side by side (imports resolve between them); {@code main} is the one checked. */
    record Seed(String main, Map<String, String> files) {}

    private FuzzSeeds() {
    }

    static List<Seed> load(long seed, int generated) {
        List<Seed> seeds = new ArrayList<>();
        Map<String, String> family = new LinkedHashMap<>();
        family.put("unetrpp.arch", resource("voxarch/models/unetrpp/unetrpp.arch"));
        family.put("blocks.arch", resource("voxarch/models/unetrpp/blocks.arch"));
        seeds.add(new Seed("unetrpp.arch", family));
        seeds.add(new Seed("layers.arch", Map.of("layers.arch", resource("org/voxarch/stdlib/layers.arch"))));
        SpecGenerator generator = new SpecGenerator(seed);
        for (int i = 0; i < generated; i++) {
            seeds.add(new Seed("spec.arch", Map.of("spec.arch", generator.next("g" + i).text())));
        }
        return seeds;
    }

    static String resource(String path) {
        try (InputStream in = FuzzSeeds.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
