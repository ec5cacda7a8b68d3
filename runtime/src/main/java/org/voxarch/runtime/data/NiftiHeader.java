package org.voxarch.runtime.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The fields of a NIfTI-1 header that matter for reading voxels and placing them in the world. Byte offsets follow
 * the standard ({@code nifti1.h}): sizeof_hdr 0, dim 40, datatype 70, bitpix 72, pixdim 76, vox_offset 108,
 * scl_slope 112, scl_inter 116, xyzt_units 123, descrip 148, qform_code 252, sform_code 254, quatern_b..qoffset_z
 * 256..276, srow_x/y/z 280..312, magic 344.
 */
public final class NiftiHeader {
    /** Size of a NIfTI-1 header; also the value of its first field. */
    static final int SIZE = 348;
    /** Header plus the 4-byte extension flag: where single-file data starts when there are no extensions. */
    static final int DEFAULT_VOX_OFFSET = 352;
    private static final int NIFTI2_SIZE = 540;
    private static final int MAX_DIMS = 7;
    private static final int UNITS_MM = 2;
    private static final String[] QUATERN_FIELDS = {"quatern_b", "quatern_c", "quatern_d", "qoffset_x", "qoffset_y",
        "qoffset_z"};

    private final ByteOrder order;
    private final short[] dim;
    private final short datatype;
    private final float[] pixdim;
    private final float voxOffset;
    private final float sclSlope;
    private final float sclInter;
    private final int xyztUnits;
    private final String descrip;
    private final short qformCode;
    private final short sformCode;
    private final float[] quatern;
    private final float[] srow;
    private final String magic;

    private NiftiHeader(ByteOrder order, short[] dim, short datatype, float[] pixdim, float voxOffset,
            float sclSlope, float sclInter, int xyztUnits, String descrip, short qformCode, short sformCode,
            float[] quatern, float[] srow, String magic) {
        this.order = order;
        this.dim = dim;
        this.datatype = datatype;
        this.pixdim = pixdim;
        this.voxOffset = voxOffset;
        this.sclSlope = sclSlope;
        this.sclInter = sclInter;
        this.xyztUnits = xyztUnits;
        this.descrip = descrip;
        this.qformCode = qformCode;
        this.sformCode = sformCode;
        this.quatern = quatern;
        this.srow = srow;
        this.magic = magic;
    }

    /**
     * Parses and validates the first 348 bytes of a file.
     *
     * @throws NiftiException naming {@code file} for a wrong size field or magic, bad dims or vox_offset, or an
     *     unsupported datatype
     */
    static NiftiHeader parse(Path file, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getInt(0);
        if (size != SIZE) {
            int swapped = Integer.reverseBytes(size);
            if (swapped == SIZE) {
                b.order(ByteOrder.BIG_ENDIAN);
            } else if (size == NIFTI2_SIZE || swapped == NIFTI2_SIZE) {
                throw new NiftiException(file, "this is a NIfTI-2 file (sizeof_hdr 540); only NIfTI-1 is supported");
            } else {
                throw new NiftiException(file, "not a NIfTI-1 file: sizeof_hdr is " + size
                        + " (byte-swapped " + swapped + "), expected 348");
            }
        }
        String magic = new String(bytes, 344, 4, StandardCharsets.ISO_8859_1);
        if (magic.equals("ni1\0")) {
            throw new NiftiException(file, "magic 'ni1' marks a .hdr/.img pair; only single-file .nii(.gz) is supported");
        }
        if (!magic.equals("n+1\0")) {
            throw new NiftiException(file, "wrong magic " + printable(magic) + ", expected 'n+1' (not a NIfTI-1 file,"
                    + " or an old Analyze 7.5 header)");
        }
        short[] dim = new short[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
        }
        if (dim[0] < 1 || dim[0] > MAX_DIMS) {
            throw new NiftiException(file, "dim[0] is " + dim[0] + ", must be 1..7 (number of dimensions)");
        }
        for (int i = 1; i <= dim[0]; i++) {
            if (dim[i] < 1) {
                throw new NiftiException(file, "dim[" + i + "] is " + dim[i] + "; every used dimension must be ≥ 1 "
                        + "(dims " + Arrays.toString(Arrays.copyOfRange(dim, 1, dim[0] + 1)) + ")");
            }
        }
        short datatype = b.getShort(70);
        if (NiftiDatatype.ofCode(datatype).isEmpty()) {
            throw new NiftiException(file, "datatype " + NiftiDatatype.describeCode(datatype)
                    + " is not supported; supported: " + NiftiDatatype.supportedList());
        }
        float[] pixdim = new float[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        for (int i = 1; i <= 3; i++) {
            if (!Float.isFinite(pixdim[i])) {
                throw new NiftiException(file, "pixdim[" + i + "] is " + pixdim[i] + "; voxel sizes must be finite");
            }
        }
        float voxOffset = b.getFloat(108);
        if (!(voxOffset >= SIZE)) {
            throw new NiftiException(file, "vox_offset " + voxOffset + " lies inside the 348-byte header");
        }
        if (voxOffset > Integer.MAX_VALUE) {
            throw new NiftiException(file, "vox_offset " + voxOffset + " is beyond any file this reader accepts");
        }
        short qformCode = b.getShort(252);
        short sformCode = b.getShort(254);
        float[] quatern = new float[6];
        for (int i = 0; i < 6; i++) {
            quatern[i] = b.getFloat(256 + 4 * i);
            if (qformCode > 0 && !Float.isFinite(quatern[i])) {
                throw new NiftiException(file, QUATERN_FIELDS[i] + " is " + quatern[i] + " while qform_code is "
                        + qformCode + "; the qform must be finite");
            }
        }
        float[] srow = new float[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getFloat(280 + 4 * i);
            if (sformCode > 0 && !Float.isFinite(srow[i])) {
                throw new NiftiException(file, "srow_" + "xyz".charAt(i / 4) + "[" + i % 4 + "] is " + srow[i]
                        + " while sform_code is " + sformCode + "; the sform must be finite");
            }
        }
        String descrip = new String(bytes, 148, 80, StandardCharsets.ISO_8859_1);
        int nul = descrip.indexOf('\0');
        return new NiftiHeader(b.order(), dim, datatype, pixdim, voxOffset, b.getFloat(112), b.getFloat(116),
                bytes[123] & 0xFF, nul < 0 ? descrip : descrip.substring(0, nul), qformCode, sformCode,
                quatern, srow, "n+1\0");
    }

    /** A little-endian header for one 3-D volume of {@code type}, carrying the volume's spacing and geometry. */
    static NiftiHeader forVolume(Volume volume, NiftiDatatype type) {
        int[] s = volume.shape();
        double[] sp = volume.spacing();
        Geometry g = volume.geometry();
        short[] dim = {3, (short) s[2], (short) s[1], (short) s[0], 1, 1, 1, 1};
        float qfac = g.qfac() < 0 ? -1f : 1f;
        float[] pixdim = {qfac, (float) sp[2], (float) sp[1], (float) sp[0], 0, 0, 0, 0};
        float[] srow = new float[12];
        double[] sform = g.sform();
        for (int i = 0; i < 12; i++) {
            srow[i] = (float) sform[i];
        }
        return new NiftiHeader(ByteOrder.LITTLE_ENDIAN, dim, (short) type.code, pixdim, DEFAULT_VOX_OFFSET, 1f, 0f,
                UNITS_MM, "voxarch", (short) g.qformCode(), (short) g.sformCode(), g.quaternion(), srow, "n+1\0");
    }

    /** Checks that a volume's grid fits the 16-bit dim fields before anything is written. */
    static void requireWritable(Path file, Volume volume) {
        for (int n : volume.shape()) {
            if (n > Short.MAX_VALUE) {
                throw new NiftiException(file, "shape " + Arrays.toString(volume.shape())
                        + " does not fit NIfTI-1's 16-bit dims (max 32767)");
            }
        }
    }

    /** The 352 bytes written before the data: this header and an empty extension flag. */
    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(DEFAULT_VOX_OFFSET).order(order);
        b.putInt(0, SIZE);
        b.put(38, (byte) 'r');
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        b.putShort(70, datatype);
        b.putShort(72, (short) (8 * datatype().bytes));
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, pixdim[i]);
        }
        b.putFloat(108, voxOffset);
        b.putFloat(112, sclSlope);
        b.putFloat(116, sclInter);
        b.put(123, (byte) xyztUnits);
        byte[] text = descrip.getBytes(StandardCharsets.ISO_8859_1);
        b.put(148, text, 0, Math.min(text.length, 79));
        b.putShort(252, qformCode);
        b.putShort(254, sformCode);
        for (int i = 0; i < 6; i++) {
            b.putFloat(256 + 4 * i, quatern[i]);
        }
        for (int i = 0; i < 12; i++) {
            b.putFloat(280 + 4 * i, srow[i]);
        }
        b.put(344, magic.getBytes(StandardCharsets.ISO_8859_1), 0, 4);
        return b.array();
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            out.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.append('\'').toString();
    }

    /** @return the byte order the file was written in (detected from sizeof_hdr) */
    public ByteOrder byteOrder() {
        return order;
    }

    /** @return {@code dim[0..7]} as stored: the number of dimensions, then the size of each */
    public int[] dims() {
        int[] d = new int[8];
        for (int i = 0; i < 8; i++) {
            d[i] = dim[i];
        }
        return d;
    }

    /** @return (z, y, x) = (dim[3], dim[2], dim[1]), missing dimensions counting as 1 */
    public int[] shape() {
        return new int[] {used(3), used(2), used(1)};
    }

    /** @return how many 3-D volumes the file holds: the product of dim[4..7] */
    public int volumes() {
        long n = 1;
        for (int i = 4; i <= 7; i++) {
            n *= used(i);
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** @return the exact product of dim[4..7] (at most 32767⁴, so it fits a long) */
    public long volumeCount() {
        long n = 1;
        for (int i = 4; i <= 7; i++) {
            n *= used(i);
        }
        return n;
    }

    /** @return voxels in one 3-D volume */
    public long voxelsPerVolume() {
        return (long) used(1) * used(2) * used(3);
    }

    private int used(int i) {
        return i <= dim[0] ? dim[i] : 1;
    }

    /** @return the voxel type */
    public NiftiDatatype datatype() {
        return NiftiDatatype.ofCode(datatype).orElseThrow();
    }

    /** @return {@code pixdim[0..7]} as stored ({@code pixdim[0]} is qfac) */
    public float[] pixdim() {
        return pixdim.clone();
    }

    /**
     * @return voxel spacing (z, y, x) from pixdim[3], pixdim[2], pixdim[1], as absolute values; a zero or non-finite
     *     entry (seen in some converters' output) counts as 1 mm
     */
    public double[] spacing() {
        return new double[] {positive(pixdim[3]), positive(pixdim[2]), positive(pixdim[1])};
    }

    private static double positive(float v) {
        double a = Math.abs(v);
        return a > 0 && Double.isFinite(a) ? a : 1.0;
    }

    /** @return where voxel data starts */
    public long voxOffset() {
        return (long) voxOffset;
    }

    /** @return the intensity slope; values are scaled only when it is non-zero and finite */
    public float sclSlope() {
        return sclSlope;
    }

    public float sclInter() {
        return sclInter;
    }

    /** @return whether {@code value * slope + inter} applies to stored values */
    public boolean scaled() {
        return sclSlope != 0 && Float.isFinite(sclSlope) && Float.isFinite(sclInter)
                && !(sclSlope == 1 && sclInter == 0);
    }

    /** @return the xyzt_units byte */
    public int xyztUnits() {
        return xyztUnits;
    }

    /** @return the description text, without trailing NULs */
    public String descrip() {
        return descrip;
    }

    /**
     * @return the world geometry: the qform and sform codes, the sform rows, the quaternion parameters, qfac and the
     *     qform matrix computed from them with the pixel sizes (the standard's "method 2"; "method 1", the plain
     *     scaling, when qform_code is 0)
     */
    public Geometry geometry() {
        double[] sform = new double[12];
        for (int i = 0; i < 12; i++) {
            sform[i] = srow[i];
        }
        float qfac = pixdim[0] < 0 ? -1f : 1f;
        double[] voxel = {positive(pixdim[1]), positive(pixdim[2]), positive(pixdim[3])};
        double[] qform = qformCode > 0 ? quaternionMatrix(quatern, qfac, voxel)
                : new double[] {voxel[0], 0, 0, 0, 0, voxel[1], 0, 0, 0, 0, voxel[2], 0};
        return new Geometry(qformCode, sformCode, qform, sform, quatern.clone(), qfac);
    }

    /**
     * The qform matrix of the standard: rotation from the unit quaternion (a, b, c, d) with a recovered from b, c, d,
     * columns scaled by the voxel sizes (the third also by qfac), offsets from qoffset.
     */
    static double[] quaternionMatrix(float[] q, float qfac, double[] voxelXyz) {
        double b = q[0];
        double c = q[1];
        double d = q[2];
        double aa = 1.0 - (b * b + c * c + d * d);
        double a;
        if (aa < 1e-7) {
            // Rounding left no room for a: it is 0 and (b, c, d) is renormalised, as the standard prescribes.
            double norm = Math.sqrt(b * b + c * c + d * d);
            a = 0;
            b /= norm;
            c /= norm;
            d /= norm;
        } else {
            a = Math.sqrt(aa);
        }
        double[][] r = {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b},
        };
        double[] scale = {voxelXyz[0], voxelXyz[1], voxelXyz[2] * (qfac < 0 ? -1 : 1)};
        double[] m = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                m[4 * row + col] = r[row][col] * scale[col];
            }
            m[4 * row + 3] = q[3 + row];
        }
        return m;
    }

    @Override
    public String toString() {
        return "NiftiHeader[dims " + Arrays.toString(Arrays.copyOfRange(dim, 1, dim[0] + 1)) + " " + datatype()
                + " pixdim " + Arrays.toString(Arrays.copyOfRange(pixdim, 1, 4)) + " " + order + "]";
    }
}
