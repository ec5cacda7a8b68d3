package org.voxarch.runtime.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset preprocessed once and kept on disk. Under the cache directory:
 *
 * <ul>
 *   <li>{@code plan.json}: the {@link DatasetPlan}, recomputed only when the configuration or a training file
 *       (name, size, modification time) changed;</li>
 *   <li>{@code cases/<id>.<key>.vxcase}: each preprocessed case, where the key hashes the plan and the case's own
 *       files, so an unchanged case is reused and a changed one is redone (its stale file removed).</li>
 * </ul>
 *
 * Every file is written atomically, so an interrupted run leaves only complete files. Cases are loaded on demand
 * ({@link #load}), which keeps memory to what the caller holds.
 */
public final class PreprocessedDataset {
    private static final String PLAN_FILE = "plan.json";
    private static final String CASES_DIR = "cases";
    private static final String SUFFIX = ".vxcase";
    private static final int KEY_CHARS = 16;

    private final DatasetPlan plan;
    private final Map<String, Path> files;
    private final List<String> trainingIds;
    private final List<String> testIds;
    private final int reused;

    private PreprocessedDataset(DatasetPlan plan, Map<String, Path> files, List<String> trainingIds,
            List<String> testIds, int reused) {
        this.plan = plan;
        this.files = Collections.unmodifiableMap(files);
        this.trainingIds = List.copyOf(trainingIds);
        this.testIds = List.copyOf(testIds);
        this.reused = reused;
    }

    /**
     * Plans (or reuses the plan) and preprocesses every training and test case not already cached.
     *
     * @param progress reports cases done (planning reads count too)
     * @throws DatasetException for dataset problems, or if the configuration's channel count does not fit
     */
    public static PreprocessedDataset prepare(MsdDataset dataset, DatasetConfig config, Path cacheDir,
            Progress progress) {
        dataset.requireChannels(config.channels(), config.network());
        List<DatasetCase> all = new ArrayList<>(dataset.training());
        all.addAll(dataset.test());
        Path planFile = cacheDir.resolve(PLAN_FILE);
        DatasetPlan plan = reusablePlan(planFile, DatasetPlanner.fingerprint(dataset, config));
        int planSteps = plan == null ? dataset.training().size() : 0;
        long total = planSteps + all.size();
        if (plan == null) {
            plan = DatasetPlanner.plan(dataset, config, (done, t) -> progress.update(done, total));
            plan.write(planFile);
        }
        Preprocessor preprocessor = new Preprocessor(plan);
        String planJson = plan.toJson();
        Path casesDir = cacheDir.resolve(CASES_DIR);
        Map<String, Path> files = new LinkedHashMap<>();
        int reused = 0;
        for (int i = 0; i < all.size(); i++) {
            DatasetCase c = all.get(i);
            String key = SourceFingerprint.of(planJson, c.files()).substring(0, KEY_CHARS);
            Path file = casesDir.resolve(c.id() + "." + key + SUFFIX);
            if (files.put(c.id(), file) != null) {
                throw new DatasetException(dataset.directory().resolve(MsdDataset.DESCRIPTOR), "case id " + c.id()
                        + " appears twice");
            }
            if (Files.isRegularFile(file)) {
                reused++;
            } else {
                CaseFile.write(file, preprocessor.preprocess(dataset.read(c)));
                removeStale(casesDir, c.id(), file);
            }
            progress.update(planSteps + i + 1, total);
        }
        List<String> training = dataset.training().stream().map(DatasetCase::id).toList();
        List<String> test = dataset.test().stream().map(DatasetCase::id).toList();
        return new PreprocessedDataset(plan, files, training, test, reused);
    }

    private static DatasetPlan reusablePlan(Path planFile, String fingerprint) {
        if (!Files.isRegularFile(planFile)) {
            return null;
        }
        try {
            DatasetPlan p = DatasetPlan.read(planFile);
            return p.version() == DatasetPlan.VERSION && fingerprint.equals(p.fingerprint()) ? p : null;
        } catch (DatasetException e) {
            return null; // unreadable (e.g. an older format): recompute and overwrite
        }
    }

    /** Deletes other versions of a case's file (same id, another key). */
    private static void removeStale(Path casesDir, String id, Path keep) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(casesDir, id + ".*" + SUFFIX)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                String key = name.substring(id.length() + 1, name.length() - SUFFIX.length());
                if (!p.equals(keep) && key.length() == KEY_CHARS && key.matches("[0-9a-f]+")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(casesDir, "cannot tidy the case cache: " + e, e);
        }
    }

    /** @return the plan the cases were preprocessed with */
    public DatasetPlan plan() {
        return plan;
    }

    /** @return the training case ids, in dataset.json order */
    public List<String> trainingIds() {
        return trainingIds;
    }

    /** @return the test case ids, in dataset.json order */
    public List<String> testIds() {
        return testIds;
    }

    /** @return how many cases were found in the cache rather than preprocessed by {@link #prepare} */
    public int reused() {
        return reused;
    }

    /** @return the cache file of a case */
    public Path file(String id) {
        Path f = files.get(id);
        if (f == null) {
            throw new IllegalArgumentException("no case " + id + " (cases: " + files.keySet() + ")");
        }
        return f;
    }

    /** Loads a preprocessed case from the cache. */
    public PreprocessedCase load(String id) {
        return CaseFile.read(file(id));
    }
}
