package org.voxarch.tests.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random well-formed specs for differential testing (issue 8): blocks made of convolutions, norms, token reshapes,
 * matrix products, {@code cat}, {@code if} on flags and enums, comprehensions, aliases and stdlib blocks, a network
 * chaining them with a skip connection, and variants with argument and block overrides.
 *
 * <p>Well-formed by construction: every channel count is a positive expression of parameters, every group count
 * divides its channels, kernels are odd with "same" padding, spatial sizes are even so a stride-2 down/up pair
 * restores them, and variants only change parameters for which every value they pick is valid. What the compiler
 * must then get right is left to the oracle: shapes, parameters and keys of the built module.
 *
 * <p>Constructs the generator leaves out because they fail today are listed in {@link KnownGaps}.
 */
final class SpecGenerator {
    /** One generated spec: its text and the networks and variants to build from it. */
    record Spec(String name, String text, List<String> networks) {}

    private static final String[] ACTIVATIONS = {"relu(%s)", "gelu(%s)", "sigmoid(%s)", "leaky_relu(%s)"};

    private final Random random;

    SpecGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The blocks the block being written builds as children. */
    private Set<String> subBlocks = new LinkedHashSet<>();

    Spec next(String name) {
        SpecText out = new SpecText();
        boolean std = random.nextInt(3) == 0;
        if (std) {
            out.line("import \"std/layers.arch\"");
            out.line("");
        }
        boolean withEnum = random.nextBoolean();
        if (withEnum) {
            out.line("enum Style { plain, gated }");
            out.line("");
        }
        List<BlockInfo> blocks = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            blocks.add(block("Blk" + i, blocks, withEnum, std, out));
        }
        String network = "Net";
        Set<String> used = network(network, blocks, out);
        List<String> networks = new ArrayList<>();
        networks.add(network);
        int variants = random.nextInt(3);
        for (int v = 0; v < variants; v++) {
            String variant = "net_v" + v;
            variant(variant, network, blocks, used, out);
            networks.add(variant);
        }
        return new Spec(name, out.text(), networks);
    }

    /** What a later block or the network needs to know to use a generated block. */
    private record BlockInfo(String name, List<String> extras, Set<String> subBlocks) {}

    private BlockInfo block(String name, List<BlockInfo> earlier, boolean withEnum, boolean std, SpecText out) {
        BlockBody b = new BlockBody();
        List<String> extras = new ArrayList<>();
        subBlocks = new LinkedHashSet<>();
        List<String> params = new ArrayList<>(List.of("cin: int", "cout: int"));
        // Each extra parameter is one every value of which the generator (and the variants' overrides) keeps valid.
        if (random.nextBoolean()) {
            params.add("k: int = " + odd());
            extras.add("k");
        }
        if (random.nextBoolean()) {
            params.add("gate: bool = " + random.nextBoolean());
            extras.add("gate");
        }
        if (withEnum && random.nextBoolean()) {
            params.add("style: Style = " + (random.nextBoolean() ? "plain" : "gated"));
            extras.add("style");
        }
        if (random.nextBoolean()) {
            params.add("depth: int = " + (1 + random.nextInt(2)));
            extras.add("depth");
        }
        if (random.nextBoolean()) {
            params.add("heads: int = " + (1 + random.nextInt(2)));
            params.add("hd: int = " + (1 + random.nextInt(3)));
            extras.add("heads");
        }
        if (random.nextInt(3) == 0) {
            b.body("require cout > 0, \"" + name + " needs output channels, got {cout}\"");
        }
        String ch = "cin";
        int steps = 1 + random.nextInt(5);
        for (int s = 0; s < steps; s++) {
            ch = step(b, ch, extras, earlier, std);
        }
        String result = "h";
        if (!ch.equals("cout")) {
            String proj = b.fresh("proj");
            b.body(proj + " = Conv3d(" + ch + ", cout, 1)");
            result = proj + "(h)";
        }
        b.forward("return " + result);
        out.line("block " + name + "(" + String.join(", ", params) + ") {");
        b.write(out);
        out.line("}");
        out.line("");
        return new BlockInfo(name, extras, subBlocks);
    }

    /** Adds one step that maps the grid {@code h} with {@code ch} channels; returns its channel expression after. */
    private String step(BlockBody b, String ch, List<String> extras, List<BlockInfo> earlier, boolean std) {
        String kernel = extras.contains("k") ? "k" : Integer.toString(odd());
        String nc = random.nextBoolean() ? "cout" : ch;
        switch (random.nextInt(16)) {
            case 0 -> {
                String conv = b.fresh("conv");
                String bias = random.nextBoolean() ? "" : ", bias = false";
                b.body(conv + " = Conv3d(" + ch + ", " + nc + ", " + kernel + ", 1, " + kernel + " / 2" + bias + ")");
                b.forward("h = " + conv + "(h)");
                return nc;
            }
            case 1 -> {
                String norm = b.fresh("norm");
                String[] norms = {"BatchNorm3d(%s)", "InstanceNorm3d(%s)", "InstanceNorm3d(%s, affine = true)",
                    "GroupNorm(1, %s)", "GroupNorm(%s, %s)"};
                String pick = norms[random.nextInt(norms.length)];
                String layer = extras.contains("gate") && random.nextBoolean()
                        ? "gate ? BatchNorm3d(%s) : InstanceNorm3d(%s, affine = true)" : pick;
                b.body(norm + " = " + layer.replace("%s", ch));
                b.forward("h = " + norm + "(h)");
                return ch;
            }
            case 2 -> {
                b.forward("h = " + String.format(ACTIVATIONS[random.nextInt(ACTIVATIONS.length)], "h"));
                return ch;
            }
            case 3 -> {
                String res = b.fresh("res");
                b.body(res + " = Conv3d(" + ch + ", " + ch + ", 1)");
                if (random.nextBoolean()) {
                    String gamma = b.fresh("gamma");
                    b.body(gamma + " = param([" + ch + ", 1, 1, 1], init = constant(0.5))");
                    b.forward("h = h + " + gamma + " * " + res + "(h)");
                } else {
                    b.forward("h = " + res + "(h) * h");
                }
                return ch;
            }
            case 4 -> {
                attention(b, ch);
                return ch;
            }
            case 5 -> {
                if (!extras.contains("heads")) {
                    attention(b, ch);
                    return ch;
                }
                multiHead(b, ch);
                return ch;
            }
            case 6 -> {
                String side = b.fresh("side");
                b.body(side + " = Conv3d(" + ch + ", cout, 1)");
                b.forward("h = cat([h, " + side + "(h)], 1)");
                return "(" + ch + " + cout)";
            }
            case 7 -> {
                if (!extras.contains("gate")) {
                    return step(b, ch, extras, earlier, std);
                }
                String g = b.fresh("gated");
                b.bodyIf("gate", g + " = Conv3d(" + ch + ", " + ch + ", 3, padding = 1)");
                b.forwardIf("gate", "h = " + g + "(h)");
                return ch;
            }
            case 8 -> {
                if (!extras.contains("style")) {
                    return step(b, ch, extras, earlier, std);
                }
                String m = b.fresh("mix");
                b.body("if style == gated {");
                b.body("  " + m + " = Conv3d(" + ch + ", " + ch + ", 1)");
                b.body("} else {");
                b.body("  " + m + " = InstanceNorm3d(" + ch + ", affine = true)");
                b.body("}");
                b.forward("if style == gated {");
                b.forward("  h = h * sigmoid(" + m + "(h))");
                b.forward("} else {");
                b.forward("  h = " + m + "(h)");
                b.forward("}");
                return ch;
            }
            case 9 -> {
                String seq = b.fresh("seq");
                String reps = extras.contains("depth") ? "depth" : Integer.toString(1 + random.nextInt(3));
                String item = random.nextBoolean() ? "Conv3d(" + ch + ", " + ch + ", 1)"
                        : "Sequential(Conv3d(" + ch + ", " + ch + ", 1), BatchNorm3d(" + ch + "))";
                b.body(seq + " = Sequential([" + item + " for i in range(" + reps + ")])");
                b.forward("h = " + seq + "(h)");
                return ch;
            }
            case 10 -> {
                String list = b.fresh("layers");
                b.body(list + " = ModuleList([Conv3d(" + ch + ", " + ch + ", 1) for i in range(2)])");
                b.forward("h = " + list + "[1](" + list + "[0](h))");
                return ch;
            }
            case 11 -> {
                String down = b.fresh("down");
                String up = b.fresh("up");
                b.body(down + " = Conv3d(" + ch + ", " + nc + ", 2, 2)");
                b.body(up + " = ConvTranspose3d(" + nc + ", " + ch + ", 2, 2)");
                b.forward("h = h + " + up + "(" + down + "(h))");
                return ch;
            }
            case 12 -> {
                if (earlier.isEmpty()) {
                    return step(b, ch, extras, earlier, std);
                }
                BlockInfo sub = earlier.get(random.nextInt(earlier.size()));
                subBlocks.add(sub.name());
                String child = b.fresh("sub");
                b.body(child + " = " + sub.name() + "(" + ch + ", " + nc + namedExtras(sub) + ")");
                b.forward("h = " + child + "(h)");
                return nc;
            }
            case 13 -> {
                if (!std) {
                    return step(b, ch, extras, earlier, std);
                }
                String res = b.fresh("unet");
                String norm = random.nextBoolean() ? "batch" : "instance";
                b.body(res + " = UnetResBlock(" + ch + ", " + nc + ", 3, 1, norm = " + norm + ")");
                b.forward("h = " + res + "(h)");
                return nc;
            }
            case 14 -> {
                String drop = b.fresh("drop");
                b.body(drop + " = " + (random.nextBoolean() ? "Dropout(0.25)" : "Dropout3d(0.1)"));
                b.forward("h = " + drop + "(h)");
                return ch;
            }
            default -> {
                String widths = b.fresh("widths");
                b.body("let " + widths + " = [cout * (i + 1) for i in range(3)]");
                String conv = b.fresh("wide");
                b.body(conv + " = Conv3d(" + ch + ", " + widths + "[1], 1)");
                b.forward("h = " + conv + "(h)");
                return widths + "[1]";
            }
        }
    }

    /** Single-head attention over the grid's tokens, with an aliased key projection. */
    private void attention(BlockBody b, String ch) {
        String ln = b.fresh("ln");
        String q = b.fresh("q");
        String t = b.fresh("t");
        String a = b.fresh("a");
        b.body(ln + " = LayerNorm(" + ch + ")");
        b.body(q + " = Linear(" + ch + ", " + ch + ", bias = false)");
        String k = q;
        if (random.nextBoolean()) {
            k = b.fresh("k");
            b.body(k + " = " + q);
        }
        b.forward(t + " = " + ln + "(to_tokens(h))");
        b.forward(a + " = softmax(" + q + "(" + t + ") @ transpose(" + k + "(" + t + "), -2, -1), -1)");
        b.forward("h = to_grid(" + a + " @ " + t + ", h) + h");
    }

    /** Multi-head attention: a fused projection split by reshape, permute and unbind. */
    private void multiHead(BlockBody b, String ch) {
        String proj = b.fresh("qkv_proj");
        String outProj = b.fresh("out_proj");
        b.body(proj + " = Linear(" + ch + ", 3 * heads * hd)");
        b.body(outProj + " = Linear(heads * hd, " + ch + ")");
        String qkv = b.fresh("qkv");
        String q = b.fresh("q");
        String k = b.fresh("k");
        String v = b.fresh("v");
        String att = b.fresh("att");
        String o = b.fresh("o");
        b.forward(qkv + " = permute(reshape(" + proj + "(to_tokens(h)), [B, -1, 3, heads, hd]), [2, 0, 3, 1, 4])");
        b.forward(q + ", " + k + ", " + v + " = unbind(" + qkv + ", 0)");
        b.forward(att + " = softmax((normalize(" + q + ", -1) @ transpose(" + k + ", -2, -1)) * 0.5, -1)");
        b.forward(o + " = reshape(permute(" + att + " @ " + v + ", [0, 2, 1, 3]), [B, -1, heads * hd])");
        b.forward("h = h + to_grid(" + outProj + "(" + o + "), h)");
    }

    /** Writes the network; returns the blocks it builds (a block-wide override of any other is an error). */
    private Set<String> network(String name, List<BlockInfo> blocks, SpecText out) {
        Set<String> used = new LinkedHashSet<>();
        int[] size = {even(), even(), even()};
        out.line("network " + name + "(c: int = " + (1 + random.nextInt(3)) + ", w: int = " + (2 + random.nextInt(3))
                + ", size: [int] = [" + size[0] + ", " + size[1] + ", " + size[2] + "], aux: bool = "
                + random.nextBoolean() + ") {");
        out.line("  require len(size) == 3, \"size needs three axes\"");
        out.line("  let widths = [w * (i + 1) for i in range(" + (blocks.size() + 1) + ")]");
        out.line("  input x: [B, c, *size]");
        List<String> forward = new ArrayList<>();
        String ch = "c";
        String h = "x";
        int stages = 1 + random.nextInt(3);
        for (int s = 0; s < stages; s++) {
            BlockInfo blk = blocks.get(random.nextInt(blocks.size()));
            use(blk, blocks, used);
            String child = "stage" + s;
            String nc = random.nextBoolean() ? "widths[" + s % (blocks.size() + 1) + "]" : "w";
            out.line("  " + child + " = " + blk.name() + "(" + ch + ", " + nc + namedExtras(blk) + ")");
            forward.add("h" + s + " = " + child + "(" + h + ")");
            h = "h" + s;
            ch = nc;
        }
        out.line("  head = Conv3d(" + ch + " + c, 2, 1)");
        out.line("  if aux {");
        out.line("    aux_head = Conv3d(" + ch + ", 1, 1)");
        out.line("  }");
        out.line("  forward(x) {");
        forward.forEach(f -> out.line("    " + f));
        out.line("    y = head(cat([" + h + ", x], 1))");
        out.line("    if aux {");
        out.line("      return y, aux_head(" + h + ")");
        out.line("    }");
        out.line("    return y");
        out.line("  }");
        out.line("}");
        out.line("");
        return used;
    }

    private static void use(BlockInfo block, List<BlockInfo> blocks, Set<String> used) {
        if (used.add(block.name())) {
            blocks.stream().filter(b -> block.subBlocks().contains(b.name())).forEach(b -> use(b, blocks, used));
        }
    }

    private void variant(String name, String network, List<BlockInfo> blocks, Set<String> used, SpecText out) {
        List<String> args = new ArrayList<>();
        if (random.nextBoolean()) {
            args.add("c = " + (1 + random.nextInt(3)));
        }
        if (random.nextBoolean()) {
            args.add("w = " + (1 + random.nextInt(4)));
        }
        if (random.nextBoolean()) {
            args.add("size = [" + even() + ", " + even() + ", " + even() + "]");
        }
        if (random.nextBoolean()) {
            args.add("aux = " + random.nextBoolean());
        }
        List<String> overrides = new ArrayList<>();
        for (BlockInfo b : blocks) {
            if (used.contains(b.name()) && !b.extras().isEmpty() && random.nextBoolean()) {
                overrides.add(b.name() + "." + extraValue(b.extras().get(random.nextInt(b.extras().size()))));
            }
        }
        String with = overrides.isEmpty() ? "" : " with { " + String.join("  ", overrides) + " }";
        out.line("variant " + name + " = " + network + "(" + String.join(", ", args) + ")" + with);
    }

    /** Named arguments for some of a block's extra parameters, e.g. {@code , k = 1, gate = false}. */
    private String namedExtras(BlockInfo b) {
        StringBuilder s = new StringBuilder();
        for (String e : b.extras()) {
            if (random.nextInt(3) == 0) {
                s.append(", ").append(extraValue(e));
            }
        }
        return s.toString();
    }

    private String extraValue(String extra) {
        return switch (extra) {
            case "k" -> "k = " + odd();
            case "gate" -> "gate = " + random.nextBoolean();
            case "style" -> "style = " + (random.nextBoolean() ? "plain" : "gated");
            case "depth" -> "depth = " + (1 + random.nextInt(3));
            case "heads" -> "heads = " + (1 + random.nextInt(3));
            default -> throw new IllegalArgumentException(extra);
        };
    }

    private int odd() {
        return random.nextBoolean() ? 1 : 3;
    }

    private int even() {
        return 2 * (1 + random.nextInt(2));
    }

    /** A block's body statements and forward statements, each with fresh names. */
    private static final class BlockBody {
        private final List<String> body = new ArrayList<>();
        private final List<String> forward = new ArrayList<>();
        private int counter;

        String fresh(String base) {
            return base + counter++;
        }

        void body(String line) {
            body.add(line);
        }

        void bodyIf(String condition, String line) {
            body.add("if " + condition + " {");
            body.add("  " + line);
            body.add("}");
        }

        void forward(String line) {
            forward.add(line);
        }

        void forwardIf(String condition, String line) {
            forward.add("if " + condition + " {");
            forward.add("  " + line);
            forward.add("}");
        }

        void write(SpecText out) {
            body.forEach(l -> out.line("  " + l));
            out.line("  forward(x) {");
            out.line("    h = x");
            forward.forEach(l -> out.line("    " + l));
            out.line("  }");
        }
    }

    /** Spec text built line by line. */
    private static final class SpecText {
        private final StringBuilder text = new StringBuilder();

        void line(String l) {
            text.append(l).append('\n');
        }

        String text() {
            return text.toString();
        }
    }
}
