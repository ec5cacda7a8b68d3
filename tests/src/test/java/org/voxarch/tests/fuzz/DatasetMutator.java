package org.voxarch.tests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.NiftiDatatype;
import org.voxarch.runtime.data.Volume;

/**
 * Hostile variants of a valid dataset folder in the Decathlon layout, made in place on a copy: dataset.json with
 * keys missing or of the wrong type, label and modality maps of every odd kind, numTraining that disagrees, files
 * listed but missing, duplicate cases, paths out of the folder; an image or label file replaced by a
 * {@link NiftiMutator} mutant; label maps with values outside the classes, fractional or NaN values, or another
 * shape, spacing, origin or number of volumes than their image.
 */
final class DatasetMutator {
    /**
     * What was done, and the names one of which the refusal must mention (the file concerned: dataset.json, an
     * image, a label).
     */
    record Mutation(String how, List<String> blame) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DESCRIPTOR = "dataset.json";

    private final Random random;
    private final NiftiMutator files;

    DatasetMutator(Random random) {
        this.random = random;
        this.files = new NiftiMutator(random);
    }

    /** Mutates the dataset copy in {@code dir}. */
    Mutation mutate(Path dir) throws IOException {
        return switch (random.nextInt(4)) {
            case 0 -> mutateJson(dir);
            case 1 -> replaceFile(dir);
            case 2 -> mutateLabels(dir);
            default -> random.nextBoolean() ? mutateJsonText(dir) : mutateJson(dir);
        };
    }

    private Mutation mutateJson(Path dir) throws IOException {
        Path file = dir.resolve(DESCRIPTOR);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        String how = switch (random.nextInt(9)) {
            case 0 -> {
                String key = pick("name", "modality", "labels", "training", "test", "numTraining", "description");
                root.remove(key);
                yield "dataset.json without \"" + key + "\"";
            }
            case 1 -> {
                String key = pick("name", "modality", "labels", "training", "test", "numTraining");
                JsonNode value = oddValue();
                root.set(key, value);
                yield "dataset.json \"" + key + "\" = " + value;
            }
            case 2 -> {
                JsonNode labels = JSON.readTree(pick("{}", "{\"1\": \"a\"}",
                        "{\"0\": \"bg\", \"1\": \"a\", \"2\": \"b\", \"-1\": \"negative\"}",
                        "{\"0\": \"bg\", \"1000000\": \"far\"}", "{\"0\": \"bg\", \"2147483647\": \"max\"}",
                        "{\"0\": \"bg\", \"99999999999\": \"beyond int\"}", "{\"0\": \"bg\", \"1.5\": \"half\"}",
                        "{\"0\": \"bg\", \"1\": 5, \"2\": \"b\"}", "{\"0\": \"bg\", \"2\": \"b\"}", "{\"0\": \"bg\"}",
                        "{\"0\": \"bg\", \"1\": \"a\"}", "{\"0\": \"bg\", \"1\": \"a\", \"2\": \"b\", \"3\": \"c\"}",
                        "{\"0\": \"bg\", \"01\": \"a\", \"1\": \"b\", \"2\": \"c\"}",
                        "{\"background\": 0, \"a\": 1, \"b\": 2}", "{\"0\": \"bg\", \"1\": \"a\", \"2\": \"a\"}",
                        "{\"0\": \"bg\", \"1\": \"\", \"2\": \"b\"}", "{\"0\": \"bg\", \"1\": null, \"2\": \"b\"}"));
                root.set("labels", labels);
                yield "labels = " + labels;
            }
            case 3 -> {
                JsonNode modality = JSON.readTree(pick("{\"0\": \"MRI\", \"1\": \"T2\"}", "{\"1\": \"MRI\"}",
                        "{\"0\": \"CT\"}", "{\"0\": 3}", "{\"0\": \"MRI\", \"2\": \"T2\"}", "[\"MRI\"]",
                        "{\"-1\": \"MRI\", \"0\": \"T1\"}", "{\"0\": \"\"}"));
                root.set("modality", modality);
                yield "modality = " + modality;
            }
            case 4 -> {
                JsonNode n = pick(NODES.numberNode(99), NODES.numberNode(-1), NODES.numberNode(0),
                        NODES.textNode("three"), NODES.numberNode(1e300));
                root.set("numTraining", n);
                yield "numTraining = " + n;
            }
            case 5 -> trainingEntries(root, dir);
            case 6 -> testEntries(root);
            case 7 -> {
                ArrayNode training = (ArrayNode) root.get("training");
                training.add(training.get(random.nextInt(training.size())).deepCopy());
                yield "a training case listed twice";
            }
            default -> {
                ArrayNode training = (ArrayNode) root.get("training");
                ObjectNode entry = (ObjectNode) training.get(random.nextInt(training.size()));
                String field = random.nextBoolean() ? "image" : "label";
                String path = pick("./imagesTr/missing.nii.gz", "../outside.nii.gz", "/dev/null", "./imagesTr",
                        "./labelsTr", "", "./imagesTr/" + "x".repeat(300) + ".nii.gz", "./dataset.json");
                entry.put(field, path);
                yield "a training " + field + " = \"" + path + "\"";
            }
        };
        Files.writeString(file, JSON.writeValueAsString(root));
        return new Mutation(how, List.of(DESCRIPTOR));
    }

    private String trainingEntries(ObjectNode root, Path dir) {
        ArrayNode training = (ArrayNode) root.get("training");
        int i = random.nextInt(training.size());
        switch (random.nextInt(5)) {
            case 0 -> {
                ((ObjectNode) training.get(i)).remove("label");
                return "training[" + i + "] without label";
            }
            case 1 -> {
                training.set(i, NODES.numberNode(7));
                return "training[" + i + "] = 7";
            }
            case 2 -> {
                root.set("training", NODES.arrayNode());
                return "no training cases";
            }
            case 3 -> {
                ObjectNode e = (ObjectNode) training.get(i);
                e.put("label", e.get("image").textValue().replace("imagesTr", "labelsTr"));
                e.put("image", e.get("label").textValue());
                return "training[" + i + "] image = its label file";
            }
            default -> {
                ((ObjectNode) training.get(i)).put("image", 42);
                return "training[" + i + "].image = 42";
            }
        }
    }

    private String testEntries(ObjectNode root) {
        ArrayNode test = (ArrayNode) root.get("test");
        switch (random.nextInt(3)) {
            case 0 -> {
                ArrayNode strings = NODES.arrayNode();
                test.forEach(e -> strings.add(e.get("image").textValue()));
                root.set("test", strings);
                return "test entries as strings";
            }
            case 1 -> {
                test.add(NODES.objectNode().put("image", "./imagesTs/absent.nii.gz"));
                return "a test case whose image is missing";
            }
            default -> {
                test.add(test.get(0).deepCopy());
                return "a test case listed twice";
            }
        }
    }

    private JsonNode oddValue() {
        return pick(NODES.textNode("x"), NODES.numberNode(3), NODES.arrayNode(), NODES.objectNode(), NODES.nullNode(),
                NODES.booleanNode(true));
    }

    private Mutation mutateJsonText(Path dir) throws IOException {
        Path file = dir.resolve(DESCRIPTOR);
        byte[] bytes = Files.readAllBytes(file);
        String how;
        switch (random.nextInt(6)) {
            case 0 -> {
                int length = random.nextInt(bytes.length);
                bytes = Arrays.copyOf(bytes, length);
                how = "dataset.json cut to " + length + " bytes";
            }
            case 1 -> {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) random.nextInt();
                how = "dataset.json byte " + at + " changed";
            }
            case 2 -> {
                bytes = new byte[0];
                how = "empty dataset.json";
            }
            case 3 -> {
                byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
                byte[] out = Arrays.copyOf(bom, bom.length + bytes.length);
                System.arraycopy(bytes, 0, out, bom.length, bytes.length);
                bytes = out;
                how = "dataset.json with a UTF-8 byte order mark";
            }
            case 4 -> {
                String s = pick("null", "[]", "42", "\"text\"", "{\"training\": [] ", "{}");
                bytes = s.getBytes(StandardCharsets.UTF_8);
                how = "dataset.json = " + s;
            }
            default -> {
                Files.delete(file);
                Files.createDirectory(file);
                return new Mutation("dataset.json is a folder", List.of(DESCRIPTOR));
            }
        }
        Files.write(file, bytes);
        return new Mutation(how, List.of(DESCRIPTOR));
    }

    /** Replaces one image or label of a training or test case by a mutant of it. */
    private Mutation replaceFile(Path dir) throws IOException {
        Path target = pickFile(dir, pick("imagesTr", "labelsTr", "imagesTs", "labelsTs"));
        NiftiMutator.Mutant m = files.mutate(NiftiMutator.plain(Files.readAllBytes(target)));
        Files.write(target, m.bytes());
        return new Mutation(dir.relativize(target) + ": " + m.how(), List.of(target.getFileName().toString()));
    }

    /** Label maps whose values or geometry disagree with the classes or the image. */
    private Mutation mutateLabels(Path dir) throws IOException {
        String folder = random.nextInt(3) == 0 ? "labelsTs" : "labelsTr";
        Path label = pickFile(dir, folder);
        String id = label.getFileName().toString().replace(".nii.gz", "");
        Path image = dir.resolve(folder.replace("labels", "images")).resolve(id + "_0000.nii.gz");
        Volume v = Nifti.read(label);
        float[] data = v.data().clone();
        int[] s = v.shape();
        String how;
        Volume changed;
        NiftiDatatype type = NiftiDatatype.UINT8;
        switch (random.nextInt(10)) {
            case 0 -> {
                float value = pick(new float[] {3, 7, 255, -1, 1000});
                data[random.nextInt(data.length)] = value;
                type = value < 0 || value > 255 ? NiftiDatatype.INT16 : NiftiDatatype.UINT8;
                changed = v.withData(data);
                how = "a label value " + value;
            }
            case 1 -> {
                float value = pick(new float[] {0.5f, 1.25f, Float.NaN, Float.POSITIVE_INFINITY, 1e9f});
                data[random.nextInt(data.length)] = value;
                type = NiftiDatatype.FLOAT32;
                changed = v.withData(data);
                how = "a float32 label value " + value;
            }
            case 2 -> {
                int[] smaller = {s[0] - 1, s[1], s[2]};
                changed = new Volume(Arrays.copyOf(data, smaller[0] * s[1] * s[2]), smaller, v.spacing(),
                        v.geometry());
                how = "label one slice shorter than its image";
            }
            case 3 -> {
                double[] spacing = v.spacing();
                spacing[random.nextInt(3)] *= pick(new float[] {2, 0.5f, 1.01f});
                changed = new Volume(data, s, spacing, null);
                how = "label spacing " + Arrays.toString(spacing) + " unlike its image's";
            }
            case 4 -> {
                changed = new Volume(data, s, v.spacing(), v.geometry().shifted(new int[] {0, 0, 5}));
                how = "label origin moved by 5 voxels along x";
            }
            case 5 -> {
                Arrays.fill(data, 0);
                changed = v.withData(data);
                how = "an all-background label map";
            }
            case 6 -> {
                Files.delete(label);
                return new Mutation(label.getFileName() + " deleted", List.of(DESCRIPTOR,
                        label.getFileName().toString()));
            }
            case 7 -> {
                Files.delete(image);
                return new Mutation(image.getFileName() + " deleted", List.of(DESCRIPTOR,
                        image.getFileName().toString()));
            }
            case 8 -> {
                // A label file with two volumes, made from the file as written: dim[0]=4, dim[4]=2, data twice.
                byte[] plain = NiftiMutator.plain(Files.readAllBytes(label));
                byte[] twice = Arrays.copyOf(plain, plain.length + plain.length - 352);
                System.arraycopy(plain, 352, twice, plain.length, plain.length - 352);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(twice).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.putShort(40, (short) 4);
                b.putShort(48, (short) 2);
                Files.write(label, NiftiMutator.gzip(twice));
                return new Mutation("label with 2 volumes", List.of(label.getFileName().toString()));
            }
            default -> {
                // The image, not the label, on another grid.
                Volume img = Nifti.read(image);
                int[] larger = {s[0], s[1], s[2] + 1};
                float[] grown = new float[larger[0] * larger[1] * larger[2]];
                changed = null;
                Nifti.write(image, new Volume(grown, larger, img.spacing(), img.geometry()));
                return new Mutation("image one column wider than its label", List.of(label.getFileName().toString(),
                        image.getFileName().toString()));
            }
        }
        Nifti.write(label, changed, type);
        return new Mutation(label.getFileName() + ": " + how, List.of(label.getFileName().toString(),
                image.getFileName().toString()));
    }

    private Path pickFile(Path dir, String folder) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve(folder))) {
            s.sorted().forEach(all::add);
        }
        return all.get(random.nextInt(all.size()));
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private float pick(float[] values) {
        return values[random.nextInt(values.length)];
    }
}
