package org.voxarch.compiler.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voxarch.compiler.ir.NetworkIr;
import org.voxarch.compiler.model.Shape;
import org.voxarch.compiler.model.StateKey;

/**
 * The summary of an elaborated network: one row per module (path, type, output shape, parameters, FLOPs), then the
 * network's totals. Everything comes from the spec alone, so it can be printed before any code is generated.
 */
public final class SummaryReport {
    /**
     * Depth of the default view. Depth 4 reaches {@code unetr_pp_encoder.stages.0.0} and
     * {@code decoder5.decoder_block.0.0}, so UNETR++'s 21 transformer blocks are listed but not their convolutions.
     */
    public static final int DEFAULT_DEPTH = 4;

    private static final List<String> HEADER = List.of("module", "type", "output shape", "params", "FLOPs");

    private SummaryReport() {
    }

    /** The summary table to {@link #DEFAULT_DEPTH} followed by the totals, as fixed-width text. */
    public static String render(NetworkIr model) {
        return render(model, DEFAULT_DEPTH);
    }

    /**
     * The summary table followed by the totals, as fixed-width text.
     *
     * @param maxDepth the deepest module shown: 0 shows only the network, 1 adds its children, and so on; the
     *                 totals always cover the whole network
     */
    public static String render(NetworkIr model, int maxDepth) {
        TextTable table = new TextTable(HEADER, false, false, false, true, true);
        for (SummaryRow row : SummaryRow.of(model.root(), model.name(), maxDepth)) {
            table.add(List.of("  ".repeat(row.depth()) + row.path(), row.type(), row.output(),
                    Quantities.grouped(row.params()), Quantities.flops(row.flops())));
        }
        StringBuilder out = new StringBuilder(table.render()).append('\n');
        for (String line : totals(model)) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The same table to {@link #DEFAULT_DEPTH} as Markdown, with the totals as a list below it. */
    public static String markdown(NetworkIr model) {
        return markdown(model, DEFAULT_DEPTH);
    }

    /** The same table as Markdown (depth shown by indentation), with the totals as a list below it. */
    public static String markdown(NetworkIr model, int maxDepth) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---|---|---|---:|---:|\n");
        for (SummaryRow row : SummaryRow.of(model.root(), model.name(), maxDepth)) {
            List<String> cells = List.of("&nbsp;&nbsp;".repeat(row.depth()) + "`" + row.path() + "`",
                    markdownCell(row.type()), markdownCell(row.output()), Quantities.grouped(row.params()),
                    Quantities.flops(row.flops()));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        out.append('\n');
        for (String line : totals(model)) {
            out.append("- ").append(markdownCell(line)).append('\n');
        }
        return out.toString();
    }

    /** The lines under the table: inputs, outputs, parameters, buffers and FLOPs of the whole network. */
    static List<String> totals(NetworkIr model) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Shape> input : model.inputs().entrySet()) {
            lines.add("input " + input.getKey() + ": " + input.getValue());
        }
        List<String> outputs = model.outputs().stream().map(Shape::toString).toList();
        lines.add((outputs.size() == 1 ? "output: " : "outputs: ")
                + (outputs.isEmpty() ? OutputText.NOT_CALLED : String.join("; ", outputs)));
        lines.add("parameters: " + Quantities.grouped(model.parameterCount()));
        long bufferElements = 0;
        int bufferTensors = 0;
        for (StateKey key : model.stateKeys()) {
            // An aliased key names a tensor already counted under its first name.
            if (key.buffer() && key.aliasOf() == null) {
                bufferElements += key.numel();
                bufferTensors++;
            }
        }
        lines.add("buffers: " + Quantities.grouped(bufferElements) + " elements in " + bufferTensors
                + (bufferTensors == 1 ? " tensor" : " tensors"));
        lines.add("FLOPs (one sample, fvcore convention): " + Quantities.flops(model.flops()) + " ("
                + Quantities.grouped(model.flops()) + ")");
        lines.add("training activations (one sample, float32; every tensor the forward produces): "
                + Quantities.bytes(model.trainingActivationBytes()));
        return lines;
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|");
    }
}
