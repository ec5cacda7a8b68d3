package org.voxarch.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A dataset in the Medical Segmentation Decathlon layout: a directory with {@code dataset.json} (name, modality
 * map {@code "0": "CT"}, labels map, {@code training} list of {@code {image, label}}, {@code test} list of paths or
 * {@code {image[, label]}}), and the images and labels it names, relative to the directory.
 *
 * <p>Two image layouts are accepted for every entry: the file named as is (in the original MSD a 4-D file whose
 * volumes are the modalities), or, when that file does not exist, nnU-Net's split layout with one 3-D file per
 * modality, {@code <name>_0000.nii.gz}, {@code <name>_0001.nii.gz}, ...
 */
public final class MsdDataset {
    public static final String DESCRIPTOR = "dataset.json";
    /** A key given twice would silently lose one of its values: an error instead. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** The largest label value: predictions and scores hold labels as unsigned bytes. */
    private static final int MAX_LABEL = 255;

    private final Path directory;
    private final String name;
    private final List<String> modalities;
    private final SortedMap<Integer, String> labels;
    private final List<DatasetCase> training;
    private final List<DatasetCase> test;

    private MsdDataset(Path directory, String name, List<String> modalities, SortedMap<Integer, String> labels,
            List<DatasetCase> training, List<DatasetCase> test) {
        this.directory = directory;
        this.name = name;
        this.modalities = List.copyOf(modalities);
        this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        this.training = List.copyOf(training);
        this.test = List.copyOf(test);
    }

    /**
     * Reads {@code dir/dataset.json} and resolves every file it names.
     *
     * @throws DatasetException for malformed JSON (with line and column), missing fields, or a named file that
     *     exists in neither layout (naming the entry and the path)
     */
    public static MsdDataset open(Path dir) {
        Path json = dir.resolve(DESCRIPTOR);
        JsonNode root = parse(json);
        String name = text(json, root, "name", "dataset");
        List<String> modalities = modalities(json, root);
        SortedMap<Integer, String> labels = labels(json, root);
        List<DatasetCase> training = cases(dir, json, root, "training", modalities.size(), true);
        List<DatasetCase> test = root.has("test") ? cases(dir, json, root, "test", modalities.size(), false)
                : List.of();
        requireDistinctIds(json, training, test);
        return new MsdDataset(dir, name, modalities, labels, training, test);
    }

    /** A case listed twice would be preprocessed, predicted and scored under one name twice, one result lost. */
    private static void requireDistinctIds(Path json, List<DatasetCase> training, List<DatasetCase> test) {
        Map<String, String> seen = new java.util.HashMap<>();
        for (int i = 0; i < training.size() + test.size(); i++) {
            boolean isTraining = i < training.size();
            String entry = isTraining ? "training[" + i + "]" : "test[" + (i - training.size()) + "]";
            String id = (isTraining ? training.get(i) : test.get(i - training.size())).id();
            String earlier = seen.putIfAbsent(id, entry);
            if (earlier != null) {
                throw new DatasetException(json, entry + ": case " + id + " is listed twice (also " + earlier
                        + "); every case needs its own image name");
            }
        }
    }

    private static JsonNode parse(Path json) {
        if (Files.isDirectory(json)) {
            throw new DatasetException(json, "is a folder; a Decathlon-style dataset needs a dataset.json file here");
        }
        try {
            JsonNode root = JSON.readTree(json.toFile());
            if (root == null || !root.isObject()) {
                throw new DatasetException(json, "expected a JSON object with name, modality, labels and training");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new DatasetException(json, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DatasetException(json, "no such file: a Decathlon-style dataset directory needs a dataset.json", e);
        } catch (IOException e) {
            throw new DatasetException(json, "cannot be read: " + e, e);
        }
    }

    private static String text(Path json, JsonNode root, String field, String fallback) {
        JsonNode n = root.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new DatasetException(json, "\"" + field + "\" must be a string, got " + n.getNodeType());
        }
        return n.textValue();
    }

    private static List<String> modalities(Path json, JsonNode root) {
        JsonNode m = root.get("modality");
        if (m == null || !m.isObject() || m.isEmpty()) {
            throw new DatasetException(json, "\"modality\" must be an object like {\"0\": \"CT\"}");
        }
        SortedMap<Integer, String> byIndex = indexedStrings(json, "modality", m);
        List<String> list = new ArrayList<>(byIndex.values());
        if (byIndex.firstKey() != 0 || byIndex.lastKey() != list.size() - 1) {
            throw new DatasetException(json, "\"modality\" keys must be 0.." + (list.size() - 1) + ", got "
                    + byIndex.keySet());
        }
        return list;
    }

    private static SortedMap<Integer, String> labels(Path json, JsonNode root) {
        JsonNode l = root.get("labels");
        if (l == null || !l.isObject() || l.isEmpty()) {
            throw new DatasetException(json, "\"labels\" must be an object like {\"0\": \"background\", \"1\": ...}");
        }
        SortedMap<Integer, String> labels = indexedStrings(json, "labels", l);
        if (labels.firstKey() < 0 || labels.lastKey() > MAX_LABEL) {
            int bad = labels.firstKey() < 0 ? labels.firstKey() : labels.lastKey();
            throw new DatasetException(json, "\"labels\" key " + bad + " is outside 0.." + MAX_LABEL
                    + " (label maps are written as 8-bit values, 0 the background)");
        }
        return labels;
    }

    private static SortedMap<Integer, String> indexedStrings(Path json, String field, JsonNode object) {
        SortedMap<Integer, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            int key;
            try {
                key = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw new DatasetException(json, "\"" + field + "\" key \"" + e.getKey() + "\" is not an integer");
            }
            if (!e.getValue().isTextual()) {
                throw new DatasetException(json, "\"" + field + "\" value for " + key + " must be a string");
            }
            if (out.put(key, e.getValue().textValue()) != null) {
                throw new DatasetException(json, "\"" + field + "\" key \"" + e.getKey() + "\" repeats " + key
                        + ", given by another key already");
            }
        }
        return out;
    }

    private static List<DatasetCase> cases(Path dir, Path json, JsonNode root, String list, int modalities,
            boolean labelRequired) {
        JsonNode entries = root.get(list);
        if (entries == null || !entries.isArray()) {
            throw new DatasetException(json, "\"" + list + "\" must be a list of cases");
        }
        List<DatasetCase> cases = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = list + "[" + i + "]";
            JsonNode e = entries.get(i);
            String image;
            String label = null;
            if (e.isTextual()) {
                image = e.textValue();
            } else if (e.isObject() && e.path("image").isTextual()) {
                image = e.get("image").textValue();
                label = e.path("label").isTextual() ? e.get("label").textValue() : null;
            } else {
                throw new DatasetException(json, entry + " must be a path or an object with an \"image\" path");
            }
            if (labelRequired && label == null) {
                throw new DatasetException(json, entry + " has no \"label\" path (training cases need labels)");
            }
            List<Path> images = resolveImages(dir, json, entry + ".image", image, modalities);
            Path labelPath = label == null ? null : resolveLabel(dir, json, entry + ".label", label);
            cases.add(new DatasetCase(caseId(image), images, labelPath));
        }
        return cases;
    }

    private static List<Path> resolveImages(Path dir, Path json, String entry, String listed, int modalities) {
        Path asIs = dir.resolve(listed).normalize();
        if (Files.isRegularFile(asIs)) {
            return List.of(asIs);
        }
        String file = asIs.getFileName().toString();
        String base = file.substring(0, file.length() - extension(file).length());
        List<Path> split = new ArrayList<>();
        for (int k = 0; k < modalities; k++) {
            Path p = asIs.resolveSibling(String.format("%s_%04d%s", base, k, extension(file)));
            if (!Files.isRegularFile(p)) {
                String problem = k == 0
                        ? entry + " \"" + listed + "\": neither " + asIs + " nor the split-modality file "
                                + p.getFileName() + " exists"
                        : entry + " \"" + listed + "\": modality " + k + " file " + p + " is missing ("
                                + modalities + " modalities declared)";
                throw new DatasetException(json, problem);
            }
            split.add(p);
        }
        return split;
    }

    private static Path resolveLabel(Path dir, Path json, String entry, String listed) {
        Path p = dir.resolve(listed).normalize();
        if (!Files.isRegularFile(p)) {
            throw new DatasetException(json, entry + " \"" + listed + "\": file " + p + " does not exist");
        }
        return p;
    }

    private static String extension(String file) {
        return file.endsWith(".nii.gz") ? ".nii.gz" : file.endsWith(".nii") ? ".nii" : "";
    }

    private static String caseId(String listed) {
        String file = Path.of(listed).getFileName().toString();
        return file.substring(0, file.length() - extension(file).length());
    }

    /** @return the dataset directory */
    public Path directory() {
        return directory;
    }

    /** @return the {@code name} field */
    public String name() {
        return name;
    }

    /** @return the modality of each channel, e.g. {@code [CT]} or {@code [FLAIR, T1w, t1gd, T2w]} */
    public List<String> modalities() {
        return modalities;
    }

    /** @return the number of image channels per case */
    public int channels() {
        return modalities.size();
    }

    /** @return label value → name, including background */
    public SortedMap<Integer, String> labels() {
        return labels;
    }

    /** @return the labelled training cases, in file order */
    public List<DatasetCase> training() {
        return training;
    }

    /** @return the test cases (labelled only if their entries name a label) */
    public List<DatasetCase> test() {
        return test;
    }

    /**
     * Checks that a network taking {@code expected} input channels fits this dataset.
     *
     * @throws DatasetException naming dataset.json, the modalities and both counts
     */
    public void requireChannels(int expected, String network) {
        if (expected != channels()) {
            throw new DatasetException(directory.resolve(DESCRIPTOR), "declares " + channels() + " modalit"
                    + (channels() == 1 ? "y " : "ies ") + modalities + " but network " + network + " takes "
                    + expected + " input channel" + (expected == 1 ? "" : "s"));
        }
    }

    /**
     * Reads a case's image channels and (if any) labels, checking that every channel and the labels share one grid
     * and that the number of channels is the number of modalities. NaN or infinite image values are refused.
     *
     * @throws DatasetException for grids or channel counts that disagree (naming the files and both shapes)
     * @throws NiftiException   for a file that cannot be read
     */
    public LoadedCase read(DatasetCase c) {
        List<Volume> channels = new ArrayList<>();
        for (Path p : c.images()) {
            channels.addAll(c.images().size() == 1 ? Nifti.readVolumes(p, Nifti.NonFinite.REFUSE)
                    : List.of(Nifti.read(p)));
        }
        if (channels.size() != channels()) {
            throw new DatasetException(c.images().get(0), "case " + c.id() + " has " + channels.size()
                    + " image channel" + (channels.size() == 1 ? "" : "s") + " but dataset.json declares "
                    + channels() + " modalities " + modalities);
        }
        Volume first = channels.get(0);
        for (int k = 1; k < channels.size(); k++) {
            if (!first.sameGrid(channels.get(k))) {
                Path other = c.images().size() == 1 ? c.images().get(0) : c.images().get(k);
                throw new DatasetException(other, "case " + c.id() + ": channel " + k + " grid "
                        + describe(channels.get(k)) + " differs from channel 0 grid " + describe(first));
            }
            Optional<String> placed = WorldPlacement.difference(first, channels.get(k));
            if (placed.isPresent() && c.images().size() > 1) {
                throw new DatasetException(c.images().get(k), "case " + c.id() + ": channel " + k + " "
                        + placed.get() + " of channel 0 (" + c.images().get(0).getFileName() + ")");
            }
        }
        Volume labels = null;
        if (c.labelled()) {
            labels = Nifti.read(c.label());
            if (!labels.sameGrid(first)) {
                throw new DatasetException(c.label(), "case " + c.id() + ": label grid " + describe(labels)
                        + " differs from image grid " + describe(first) + " (" + c.images().get(0).getFileName()
                        + ")");
            }
            Optional<String> placed = WorldPlacement.difference(first, labels);
            if (placed.isPresent()) {
                throw new DatasetException(c.label(), "case " + c.id() + ": label " + placed.get() + " of its image ("
                        + c.images().get(0).getFileName() + "): the labels would not lie on the anatomy they mark");
            }
        }
        return new LoadedCase(c, channels, labels);
    }

    private static String describe(Volume v) {
        int[] s = v.shape();
        return s[0] + "×" + s[1] + "×" + s[2] + " (z, y, x)";
    }

    @Override
    public String toString() {
        return "MsdDataset[" + name + ", modalities " + modalities + ", " + labels.size() + " labels, "
                + training.size() + " training, " + test.size() + " test, " + directory + "]";
    }
}
