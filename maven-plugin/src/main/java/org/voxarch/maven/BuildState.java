package org.voxarch.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the last successful {@code generate} of one execution produced, kept in a properties file under
 * {@code target}: a fingerprint of the configuration, of every selected spec, and for each network its output file
 * and the fingerprints of the specs it came from. A missing or unreadable file is an empty state (everything is
 * generated again).
 */
final class BuildState {
    private static final String FORMAT = "2";

    /**
     * One generated class.
     *
     * @param output     the Java file, relative to the output directory, with {@code /} separators
     * @param outputHash fingerprint of the file as written
     * @param inputs     {@link SpecInputs} origin to fingerprint, for every spec the class came from
     */
    record Network(String output, String outputHash, Map<String, String> inputs) {
        Network {
            inputs = Map.copyOf(inputs);
        }

        /** True when the output is still as written and no spec it came from changed. */
        boolean isCurrent(Path outputDirectory) {
            if (!outputHash.equals(Hashes.ofFile(outputDirectory.resolve(output)))) {
                return false;
            }
            return inputs.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(SpecInputs.currentHash(e.getKey())));
        }
    }

    private final String config;
    private final Map<String, String> roots;
    private final Map<String, Network> networks;
    /** The classes of spec files (their blocks and enums): output file to its fingerprint as written. */
    private final Map<String, String> specClasses;

    BuildState(String config, Map<String, String> roots, Map<String, Network> networks,
            Map<String, String> specClasses) {
        this.config = config;
        this.roots = Map.copyOf(roots);
        this.networks = Map.copyOf(networks);
        this.specClasses = Map.copyOf(specClasses);
    }

    static BuildState empty() {
        return new BuildState("", Map.of(), Map.of(), Map.of());
    }

    /** Output file of each spec file's class to its fingerprint as written. */
    Map<String, String> specClasses() {
        return specClasses;
    }

    /** Fingerprint of the generator and its configuration (package, overrides). */
    String config() {
        return config;
    }

    /** Source-relative name to fingerprint, for every selected spec. */
    Map<String, String> roots() {
        return roots;
    }

    /** Network name to what was generated for it. */
    Map<String, Network> networks() {
        return networks;
    }

    /** True when nothing changed: same configuration and specs, and every network current. */
    boolean isCurrent(String currentConfig, Map<String, String> currentRoots, Path outputDirectory) {
        return config.equals(currentConfig) && roots.equals(currentRoots)
                && networks.values().stream().allMatch(n -> n.isCurrent(outputDirectory))
                && specClasses.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(Hashes.ofFile(outputDirectory.resolve(e.getKey()))));
    }

    static BuildState read(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return empty();
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            return empty();
        }
        Map<String, String> roots = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> outputHashes = new LinkedHashMap<>();
        Map<String, Map<String, String>> inputs = new LinkedHashMap<>();
        Map<String, String> specClasses = new LinkedHashMap<>();
        for (String key : new TreeMap<>(toStrings(p)).keySet()) {
            String value = p.getProperty(key);
            if (key.startsWith("root.")) {
                roots.put(key.substring(5), value);
            } else if (key.startsWith("class.")) {
                specClasses.put(key.substring(6), value);
            } else if (key.startsWith("network.")) {
                String rest = key.substring(8);
                int dot = rest.indexOf('.');
                if (dot < 0) {
                    return empty();
                }
                String name = rest.substring(0, dot);
                String field = rest.substring(dot + 1);
                if (field.equals("output")) {
                    outputs.put(name, value);
                } else if (field.equals("outputHash")) {
                    outputHashes.put(name, value);
                } else if (field.startsWith("input.")) {
                    inputs.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(field.substring(6), value);
                }
            }
        }
        Map<String, Network> networks = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            String hash = outputHashes.get(e.getKey());
            if (hash == null) {
                return empty();
            }
            networks.put(e.getKey(), new Network(e.getValue(), hash, inputs.getOrDefault(e.getKey(), Map.of())));
        }
        return new BuildState(Objects.requireNonNullElse(p.getProperty("config"), ""), roots, networks,
                specClasses);
    }

    /** Writes the state atomically (a concurrent reader sees the old or the new file, never half of one). */
    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("config", config);
        roots.forEach((name, hash) -> p.setProperty("root." + name, hash));
        networks.forEach((name, n) -> {
            p.setProperty("network." + name + ".output", n.output());
            p.setProperty("network." + name + ".outputHash", n.outputHash());
            n.inputs().forEach((origin, hash) -> p.setProperty("network." + name + ".input." + origin, hash));
        });
        specClasses.forEach((output, hash) -> p.setProperty("class." + output, hash));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(out, "voxarch generate: what the last build produced; delete to regenerate everything");
            }
            OutputFiles.moveInto(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Map<String, String> toStrings(Properties p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            out.put(name, p.getProperty(name));
        }
        return out;
    }
}
