package org.voxarch.runtime.infer;

import java.nio.file.Path;
import java.util.List;

import org.voxarch.runtime.data.DatasetCase;
import org.voxarch.runtime.data.LoadedCase;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.PreprocessedCase;
import org.voxarch.runtime.data.Preprocessor;
import org.voxarch.runtime.data.Progress;

/**
 * The whole inference path for one image or a list of cases: preprocess with the training plan, predict with
 * sliding windows, bring the labels back to the original grid and write them as NIfTI
 * ({@code <outDir>/<case id>.nii.gz}).
 */
public final class CaseInference {
    private final Preprocessor preprocessor;
    private final SlidingWindowPredictor predictor;

    /**
     * @param preprocessor built from the plan the network was trained with
     * @param predictor    the network and window settings
     */
    public CaseInference(Preprocessor preprocessor, SlidingWindowPredictor predictor) {
        this.preprocessor = preprocessor;
        this.predictor = predictor;
    }

    /** @return the predicted labels on the case's original grid; {@code windows} counts windows */
    public byte[] predict(LoadedCase c, Progress windows) {
        PreprocessedCase p = preprocessor.preprocess(c);
        try (ClassProbabilities probabilities = predictor.predict(p, windows)) {
            return ResultExporter.toOriginalGrid(probabilities, p);
        }
    }

    /** Predicts a case and writes its label map to {@code file} with the image's geometry. */
    public void predictToFile(LoadedCase c, Path file, Progress windows) {
        PreprocessedCase p = preprocessor.preprocess(c);
        try (ClassProbabilities probabilities = predictor.predict(p, windows)) {
            ResultExporter.export(probabilities, p, file);
        }
    }

    /**
     * Predicts every case and writes {@code <outDir>/<id>.nii.gz}.
     *
     * @param progress counts cases
     */
    public void predictAll(MsdDataset dataset, List<DatasetCase> cases, Path outDir, Progress progress) {
        for (int i = 0; i < cases.size(); i++) {
            DatasetCase c = cases.get(i);
            predictToFile(dataset.read(c), outDir.resolve(c.id() + ".nii.gz"), Progress.NONE);
            progress.update(i + 1, cases.size());
        }
    }
}
