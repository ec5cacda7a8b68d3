package org.voxarch.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of a dataset, as files.
 *
 * @param id     the case name, e.g. {@code la_003} (the image file name without extension and modality suffix)
 * @param images one file per modality ({@code <id>_0000.nii.gz}, {@code _0001}, ...), or a single 4-D file holding
 *               every modality (the original Medical Segmentation Decathlon layout)
 * @param label  the label map, or null for an unlabelled (test) case
 */
public record DatasetCase(String id, List<Path> images, Path label) {

    public DatasetCase {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException(id + ": a case needs at least one image file");
        }
    }

    /** @return whether a label map is known */
    public boolean labelled() {
        return label != null;
    }

    /** @return every file the case consists of (images, then the label if any) */
    public List<Path> files() {
        if (label == null) {
            return images;
        }
        List<Path> all = new ArrayList<>(images);
        all.add(label);
        return List.copyOf(all);
    }
}
