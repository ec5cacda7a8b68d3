package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live cross-checks with Debian nifti-bin's {@code nifti_tool}: it makes images we read, and reads images we make.
 * Skipped when nifti_tool is not installed ({@code apt-get install nifti-bin}).
 */
class NiftiToolTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireNiftiTool() {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "nifti_tool")));
        assumeTrue(found, "nifti_tool not installed (apt-get install nifti-bin)");
    }

    private String tool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nifti_tool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("nifti_tool " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** @return the values column of {@code nifti_tool -disp_hdr/-disp_nim} output, by field name */
    private static Map<String, String> fields(String output) {
        Map<String, String> out = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split("\\s+", 4);
            if (parts.length == 4 && parts[1].matches("\\d+") && parts[2].matches("\\d+")) {
                out.put(parts[0], parts[3].trim());
            }
        }
        return out;
    }

    private static float[] values(String dispCi) {
        String[] lines = dispCi.trim().split("\n");
        return toFloats(lines[lines.length - 1]);
    }

    private static float[] toFloats(String line) {
        String[] parts = line.trim().split("\\s+");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    @Test
    void imagesMadeByNiftiToolRead() throws Exception {
        for (int datatype : new int[] {2, 4, 16, 64, 512}) {
            String name = "made" + datatype + ".nii";
            tool("-make_im", "-prefix", name, "-new_dims", "3", "5", "4", "3", "0", "0", "0", "0", "-new_datatype",
                    Integer.toString(datatype));
            Path f = dir.resolve(name);
            NiftiHeader h = Nifti.readHeader(f);
            Map<String, String> hdr = fields(tool("-disp_hdr", "-infiles", name));
            assertEquals(datatype, h.datatype().code);
            assertEquals(hdr.get("dim"), Arrays.stream(h.dims()).mapToObj(Integer::toString)
                    .reduce((a, b) -> a + " " + b).orElseThrow());
            assertEquals((long) Float.parseFloat(hdr.get("vox_offset")), h.voxOffset());
            Volume v = Nifti.read(f);
            assertArrayEquals(new int[] {3, 4, 5}, v.shape());
            float[] pixdim = toFloats(hdr.get("pixdim"));
            assertArrayEquals(new double[] {pixdim[3], pixdim[2], pixdim[1]}, v.spacing(), 0);
            assertArrayEquals(values(tool("-disp_ci", "-1", "-1", "-1", "-1", "-1", "-1", "-1", "-infiles", name)),
                    v.data());
        }
    }

    @Test
    void imagesWeWriteReadTheSameInNiftiTool() throws Exception {
        float[] data = new float[4 * 3 * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = 7 * i - 50;
        }
        Geometry g = new Geometry(1, 2, new double[12], new double[] {0.5, 0, 0, -3, 0, 0.75, 0, 4, 0, 0, 2, 5},
                new float[] {0.2f, -0.3f, 0.4f, 10.5f, -20f, 7.25f}, -1f);
        Volume v = new Volume(data, new int[] {2, 3, 4}, new double[] {2, 0.75, 0.5}, g);
        for (NiftiDatatype type : new NiftiDatatype[] {NiftiDatatype.INT16, NiftiDatatype.FLOAT32,
            NiftiDatatype.INT32, NiftiDatatype.FLOAT64}) {
            String name = "ours-" + type + ".nii.gz";
            Nifti.write(dir.resolve(name), v, type);
            assertArrayEquals(data, values(tool("-disp_ci", "-1", "-1", "-1", "-1", "-1", "-1", "-1", "-infiles",
                    name)), type.toString());
            Map<String, String> hdr = fields(tool("-disp_hdr", "-infiles", name));
            assertEquals("3 4 3 2 1 1 1 1", hdr.get("dim"));
            assertEquals(Integer.toString(type.code), hdr.get("datatype"));
            assertEquals(Integer.toString(8 * type.bytes), hdr.get("bitpix"));
            assertEquals("-1.0 0.5 0.75 2.0 0.0 0.0 0.0 0.0", hdr.get("pixdim"));
            assertEquals("n+1", hdr.get("magic"));
            assertEquals("2", hdr.get("sform_code"));
            assertEquals("0.0 0.75 0.0 4.0", hdr.get("srow_y"));
            Map<String, String> nim = fields(tool("-disp_nim", "-field", "qto_xyz", "-infiles", name));
            float[] q = toFloats(nim.get("qto_xyz"));
            double[] ours = Nifti.read(dir.resolve(name)).geometry().qform();
            for (int i = 0; i < 12; i++) {
                assertEquals(q[i], ours[i], 2e-6, "qto_xyz[" + i + "]");
            }
        }
    }

    @Test
    void headersModifiedByNiftiToolAreHonoured() throws Exception {
        float[] data = {1, 2, 3, 4, 5, 6};
        Nifti.write(dir.resolve("plain.nii"), new Volume(data, new int[] {1, 2, 3}, new double[] {1, 1, 1}, null),
                NiftiDatatype.INT16);
        tool("-mod_hdr", "-mod_field", "scl_slope", "0.5", "-mod_field", "scl_inter", "-3", "-prefix", "scaled.nii",
                "-infiles", "plain.nii");
        assertArrayEquals(new float[] {-2.5f, -2, -1.5f, -1, -0.5f, 0}, Nifti.read(dir.resolve("scaled.nii")).data());

        Files.copy(dir.resolve("plain.nii"), dir.resolve("swapped.nii"));
        tool("-swap_as_nifti", "-overwrite", "-infiles", "swapped.nii");
        float[] theirs = values(tool("-disp_ci", "-1", "-1", "-1", "-1", "-1", "-1", "-1", "-infiles", "swapped.nii"));
        assertArrayEquals(theirs, Nifti.read(dir.resolve("swapped.nii")).data(), "big-endian, read as nifti_tool does");
    }
}
