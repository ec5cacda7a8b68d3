package org.voxarch.runtime.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * Writes datasets in the Decathlon layout with nnU-Net's split modalities: {@code imagesTr/<id>_0000.nii.gz},
 * {@code labelsTr/<id>.nii.gz}, {@code imagesTs/...}, {@code labelsTs/...} and a {@code dataset.json} that lists
 * {@code ./imagesTr/<id>.nii.gz} (the modality suffix is implied) — the form {@link MsdDataset} reads back.
 */
final class MsdWriter {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path dir;

    MsdWriter(Path dir) {
        this.dir = dir;
    }

    /** Writes one case's channels (float32 or the given type) and labels (uint8/int16) into the split. */
    void writeCase(String id, boolean training, List<Volume> channels, NiftiDatatype imageType, Volume labels) {
        String images = training ? "imagesTr" : "imagesTs";
        String labelDir = training ? "labelsTr" : "labelsTs";
        for (int k = 0; k < channels.size(); k++) {
            Nifti.write(dir.resolve(images).resolve(String.format("%s_%04d.nii.gz", id, k)), channels.get(k),
                    imageType);
        }
        if (labels != null) {
            Nifti.writeLabels(dir.resolve(labelDir).resolve(id + ".nii.gz"), labels);
        }
    }

    /** Writes dataset.json; test cases are listed as {@code {image, label}} so that they can be evaluated. */
    void writeDescriptor(String name, String description, List<String> modalities, Map<Integer, String> labels,
            List<String> trainingIds, List<String> testIds) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("description", description);
        root.put("tensorImageSize", "3D");
        ObjectNode modality = root.putObject("modality");
        for (int k = 0; k < modalities.size(); k++) {
            modality.put(Integer.toString(k), modalities.get(k));
        }
        ObjectNode labelNode = root.putObject("labels");
        labels.forEach((value, label) -> labelNode.put(Integer.toString(value), label));
        root.put("numTraining", trainingIds.size());
        root.put("numTest", testIds.size());
        ArrayNode training = root.putArray("training");
        for (String id : trainingIds) {
            training.addObject().put("image", "./imagesTr/" + id + ".nii.gz").put("label", "./labelsTr/" + id + ".nii.gz");
        }
        ArrayNode test = root.putArray("test");
        for (String id : testIds) {
            test.addObject().put("image", "./imagesTs/" + id + ".nii.gz").put("label", "./labelsTs/" + id + ".nii.gz");
        }
        try {
            AtomicFiles.writeString(dir.resolve(MsdDataset.DESCRIPTOR), JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new DatasetException(dir.resolve(MsdDataset.DESCRIPTOR), "cannot be written: " + e, e);
        }
    }
}
