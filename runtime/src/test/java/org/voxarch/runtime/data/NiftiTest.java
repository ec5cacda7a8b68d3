package org.voxarch.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NiftiTest {
    @TempDir
    Path dir;

    private static final int[] SHAPE = {3, 4, 5};
    private static final double[] SPACING = {2.5, 0.75, 0.5};

    /** Values that every type can hold exactly (integers in 0..120, or fractions for the float types). */
    private static float[] sample(NiftiDatatype type) {
        Random rng = new Random(type.code);
        float[] v = new float[SHAPE[0] * SHAPE[1] * SHAPE[2]];
        for (int i = 0; i < v.length; i++) {
            double x = type.min < 0 ? rng.nextInt(241) - 120 : rng.nextInt(121);
            v[i] = (float) (type.integer ? x : x + 0.25 * rng.nextInt(4));
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(NiftiDatatype.class)
    void everyDatatypeRoundTripsPlainAndGzipped(NiftiDatatype type) {
        Geometry g = new Geometry(1, 2, new double[12], new double[] {0.5, 0, 0, -10, 0, 0.75, 0, 20, 0, 0, 2.5, 30},
                new float[] {0, 0, 0, -10, 20, 30}, 1f);
        Volume v = new Volume(sample(type), SHAPE, SPACING, g);
        for (String name : List.of("v.nii", "v.nii.gz")) {
            Path file = dir.resolve(type + "-" + name);
            Nifti.write(file, v, type);
            NiftiHeader h = Nifti.readHeader(file);
            assertEquals(type, h.datatype());
            Volume back = Nifti.read(file);
            assertArrayEquals(v.data(), back.data(), name);
            assertArrayEquals(SHAPE, back.shape());
            assertArrayEquals(SPACING, back.spacing(), 1e-6);
            assertEquals(1, back.geometry().qformCode());
            assertEquals(2, back.geometry().sformCode());
            assertArrayEquals(g.sform(), back.geometry().sform(), 1e-6);
            assertArrayEquals(g.quaternion(), back.geometry().quaternion(), 1e-6f);
        }
        assertTrue(isGzip(dir.resolve(type + "-v.nii.gz")));
        assertFalse(isGzip(dir.resolve(type + "-v.nii")));
    }

    private static boolean isGzip(Path f) {
        try {
            byte[] b = Files.readAllBytes(f);
            return (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void handBuiltFilesReadInEitherByteOrderWithScaling(String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        NiftiBytes b = new NiftiBytes(order, new int[] {3, 2, 2}, 4, 2, new float[] {0.5f, 0.75f, 2f})
                .scaling(2f, 1f);
        int[] raw = {-5, 0, 7, 100, -32768, 32767, 1, 2, 3, 4, 5, 6};
        Path file = dir.resolve("hand.nii");
        Files.write(file, b.file(b.shorts(raw)));
        NiftiHeader h = Nifti.readHeader(file);
        assertEquals(order, h.byteOrder());
        Volume v = Nifti.read(file);
        assertArrayEquals(new int[] {2, 2, 3}, v.shape(), "(z, y, x) from dims (x=3, y=2, z=2)");
        assertArrayEquals(new double[] {2, 0.75, 0.5}, v.spacing());
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i] * 2f + 1f, v.data()[i], "voxel " + i + ": raw × slope + inter");
        }
        assertEquals(7 * 2 + 1, v.get(0, 0, 2), "x fastest: the third value is (z 0, y 0, x 2)");
        assertEquals(1 * 2 + 1, v.get(1, 0, 0), "(z 1, y 0, x 0) is the 7th value: (1·2 + 0)·3 + 0");

        Path gz = dir.resolve("hand.nii.gz");
        Files.write(gz, NiftiBytes.gzip(b.file(b.shorts(raw))));
        assertArrayEquals(v.data(), Nifti.read(gz).data());
    }

    @Test
    void slopeZeroMeansNoScaling() throws IOException {
        NiftiBytes b = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {2, 1, 1}, 16, 4, new float[] {1, 1, 1})
                .scaling(0f, 5f);
        Path file = dir.resolve("noscale.nii");
        Files.write(file, b.file(b.floats(1.5f, -2f)));
        assertArrayEquals(new float[] {1.5f, -2f}, Nifti.read(file).data());
    }

    @Test
    void fourDimensionalFilesGiveVolumesAndOneTimePointIsAVolume() throws IOException {
        NiftiBytes one = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {2, 1, 1, 1}, 4, 2, new float[] {1, 1, 1});
        Path single = dir.resolve("t1.nii");
        Files.write(single, one.file(one.shorts(3, 4)));
        assertArrayEquals(new float[] {3, 4}, Nifti.read(single).data());

        NiftiBytes three = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {2, 1, 1, 3}, 4, 2,
                new float[] {1, 1, 1});
        Path multi = dir.resolve("t3.nii");
        Files.write(multi, three.file(three.shorts(1, 2, 3, 4, 5, 6)));
        List<Volume> volumes = Nifti.readVolumes(multi, Nifti.NonFinite.REFUSE);
        assertEquals(3, volumes.size());
        assertArrayEquals(new float[] {5, 6}, volumes.get(2).data());
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(multi));
        assertEquals(multi + ": holds 3 volumes (dims [2, 1, 1, 3]); expected a single 3-D image", e.getMessage());
    }

    @Test
    void qformMatrixFollowsTheQuaternionAndQfac() {
        // b = 1: a rotation by 180° about x, so y and z flip; qfac −1 flips z once more.
        double[] m = NiftiHeader.quaternionMatrix(new float[] {1, 0, 0, 4, 5, 6}, -1f, new double[] {2, 3, 4});
        assertArrayEquals(new double[] {2, 0, 0, 4, 0, -3, 0, 5, 0, 0, 4, 6}, m, 1e-12);
    }

    @Test
    void shiftedGeometryMovesTheOriginToTheCropCorner() {
        Geometry g = new Geometry(1, 1, new double[] {2, 0, 0, -10, 0, 3, 0, -20, 0, 0, 4, -30},
                new double[] {2, 0, 0, -10, 0, 3, 0, -20, 0, 0, 4, -30}, new float[] {0, 0, 0, -10, -20, -30}, 1f);
        Geometry s = g.shifted(new int[] {1, 2, 3}); // z 1, y 2, x 3
        assertArrayEquals(new double[] {2, 0, 0, -4, 0, 3, 0, -14, 0, 0, 4, -26}, s.sform(), 1e-12);
        assertArrayEquals(new float[] {0, 0, 0, -4, -14, -26}, s.quaternion(), 1e-6f);
    }

    // ---- bad input: one clear message naming the file ------------------------------------------------------------

    private Path validGzip() {
        float[] values = new float[16 * 16 * 16];
        Random rng = new Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextFloat();
        }
        Path file = dir.resolve("scan.nii.gz");
        Nifti.write(file, new Volume(values, new int[] {16, 16, 16}, new double[] {1, 1, 1}, null));
        return file;
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        Path file = validGzip();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(file));
        assertTrue(e.getMessage().startsWith(file + ": truncated or corrupt gzip data ("), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        Path file = validGzip();
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 100; i < 140; i++) {
            bytes[i] ^= 0x5A;
        }
        Files.write(file, bytes);
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(file));
        assertTrue(e.getMessage().startsWith(file + ": truncated or corrupt gzip data"), e.getMessage());
    }

    @Test
    void wrongMagicIsReported() throws IOException {
        NiftiBytes b = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {1, 1, 1}, 4, 2, new float[] {1, 1, 1})
                .magic("abc\0");
        Path file = dir.resolve("magic.nii");
        Files.write(file, b.file(b.shorts(0)));
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(file));
        assertEquals(file + ": wrong magic 'abc\\x00', expected 'n+1' (not a NIfTI-1 file, or an old Analyze 7.5"
                + " header)", e.getMessage());
    }

    @Test
    void notANiftiFileIsReported() throws IOException {
        Path file = dir.resolve("text.nii");
        Files.writeString(file, "hello ".repeat(100));
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a NIfTI-1 file: sizeof_hdr is "), e.getMessage());
    }

    @Test
    void unsupportedDatatypeIsReported() throws IOException {
        NiftiBytes b = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {1, 1, 1}, 128, 3, new float[] {1, 1, 1});
        Path file = dir.resolve("rgb.nii");
        Files.write(file, b.file(new byte[3]));
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(file));
        assertEquals(file + ": datatype 128 (RGB24) is not supported; supported: uint8, int8, int16, uint16, int32,"
                + " uint32, int64, float32, float64", e.getMessage());
    }

    @Test
    void dimsThatDoNotMatchTheDataAreReported() throws IOException {
        NiftiBytes b = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {4, 3, 2}, 4, 2, new float[] {1, 1, 1});
        Path shortFile = dir.resolve("short.nii");
        Files.write(shortFile, b.file(b.shorts(new int[20])));
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(shortFile));
        assertEquals(shortFile + ": voxel data ends after 40 of 48 bytes: dims [4, 3, 2] of int16 need 48 bytes after"
                + " vox_offset 352 (truncated file, or dims that do not match the data)", e.getMessage());

        Path longFile = dir.resolve("long.nii.gz");
        Files.write(longFile, NiftiBytes.gzip(b.file(b.shorts(new int[30]))));
        NiftiException e2 = assertThrows(NiftiException.class, () -> Nifti.read(longFile));
        assertEquals(longFile + ": holds 12 bytes more voxel data than dims [4, 3, 2] of int16 need (48 bytes after"
                + " vox_offset 352): the dims do not match the data", e2.getMessage());
    }

    @Test
    void truncatedHeaderAndMissingFileAreReported() throws IOException {
        Path file = dir.resolve("stub.nii");
        Files.write(file, new byte[100]);
        assertEquals(file + ": truncated: only 100 bytes, but a NIfTI-1 header alone needs 348",
                assertThrows(NiftiException.class, () -> Nifti.read(file)).getMessage());
        Path missing = dir.resolve("missing.nii.gz");
        assertEquals(missing + ": no such file",
                assertThrows(NiftiException.class, () -> Nifti.read(missing)).getMessage());
    }

    @Test
    void nonFiniteValuesAreRefusedWithCountAndFirstPositionUnlessAllowed() throws IOException {
        float[] values = new float[24];
        values[7] = Float.NaN; // x = 3, y = 1, z = 0 on dims (4, 3, 2)
        values[13] = Float.POSITIVE_INFINITY;
        values[20] = Float.NaN;
        NiftiBytes b = new NiftiBytes(ByteOrder.LITTLE_ENDIAN, new int[] {4, 3, 2}, 16, 4, new float[] {1, 1, 1});
        Path file = dir.resolve("nan.nii.gz");
        Files.write(file, NiftiBytes.gzip(b.file(b.floats(values))));
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.read(file));
        assertEquals(file + ": has 3 non-finite values (2 NaN, 1 ±Inf), the first at voxel x=3, y=1, z=0; fix the"
                + " image (or read it allowing non-finite values)", e.getMessage());
        Volume allowed = Nifti.read(file, Nifti.NonFinite.ALLOW);
        assertTrue(Float.isNaN(allowed.data()[7]));
        NonFiniteValues found = NonFiniteValues.find(allowed).orElseThrow();
        assertEquals(3, found.count());
        assertArrayEquals(new int[] {0, 1, 3}, found.first());
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        float[] values = {0, 1, 2, 300, 4, 5};
        Volume v = new Volume(values, new int[] {1, 2, 3}, new double[] {1, 1, 1}, null);
        Path file = dir.resolve("labels.nii.gz");
        NiftiException e = assertThrows(NiftiException.class, () -> Nifti.write(file, v, NiftiDatatype.UINT8));
        assertEquals(file + ": value 300.0 at voxel x=0, y=1, z=0 does not fit uint8 [0, 255]; nothing was written",
                e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "neither the target nor a temporary file");
        }
        Nifti.write(file, v.withData(new float[] {0, 1, 2, 3, 4, 5}), NiftiDatatype.UINT8);
        assertThrows(NiftiException.class, () -> Nifti.write(file, v, NiftiDatatype.UINT8));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, Nifti.read(file).data(), "the old content survives");
    }

    @Test
    void labelWriterPicksUint8OrInt16AndKeepsTheImageGeometry() {
        Geometry g = new Geometry(0, 4, new double[12], new double[] {1, 0, 0, -90, 0, 1, 0, -125, 0, 0, 1, -71},
                new float[6], 1f);
        Volume image = new Volume(new float[] {5, 6, 7, 8}, new int[] {1, 2, 2}, new double[] {1, 1, 1}, g);
        Path small = dir.resolve("small.nii.gz");
        Nifti.writeLabels(small, image.withData(new float[] {0, 1, 2, 255}));
        assertEquals(NiftiDatatype.UINT8, Nifti.readHeader(small).datatype());
        Path big = dir.resolve("big.nii.gz");
        Nifti.writeLabels(big, image.withData(new float[] {0, 1, 2, 1000}));
        assertEquals(NiftiDatatype.INT16, Nifti.readHeader(big).datatype());
        Path bytes = dir.resolve("bytes.nii.gz");
        Nifti.writeLabels(bytes, new byte[] {0, 3, (byte) 200, 1}, image);
        Volume back = Nifti.read(bytes);
        assertArrayEquals(new float[] {0, 3, 200, 1}, back.data());
        assertEquals(4, back.geometry().sformCode());
        assertArrayEquals(g.sform(), back.geometry().sform(), 0);
        assertEquals("small.nii.gz: label value 0.5 is not an integer; nothing was written",
                assertThrows(NiftiException.class, () -> Nifti.writeLabels(Path.of("small.nii.gz"),
                        image.withData(new float[] {0, 0.5f, 1, 1}))).getMessage());
    }
}
