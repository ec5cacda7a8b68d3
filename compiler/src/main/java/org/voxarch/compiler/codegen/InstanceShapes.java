package org.voxarch.compiler.codegen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.ir.Constant;
import org.voxarch.compiler.ir.ModuleNode;

/**
 * The shapes a block's elaborated instances (in every network generated with it) gave its statements and its
 * output, for the generated comments: the shape when every instance agrees; else the shape in the block's own
 * parameters where a differing size is one of them in every instance ({@code [B, tokens, hidden]}, with {@code ?}
 * for the other differing sizes); else each distinct shape, or their number, marked as varying. A comment never
 * shows one instance's shape as the block's.
 */
final class InstanceShapes {
    /** Up to this many distinct shapes are listed; more are counted. */
    private static final int LISTED = 3;
    private static final Pattern SIZE = Pattern.compile("\\b\\d+\\b");

    private final List<ModuleNode> instances;

    InstanceShapes(List<ModuleNode> instances) {
        this.instances = instances;
    }

    /** The shape comment of the statement at {@code span}, or null when no instance ran it. */
    String statement(Span span) {
        return describe(i -> i.statementShapes().get(span));
    }

    /** What the block returned, for its forward's Javadoc, or null when no instance returned. */
    String output() {
        return describe(i -> i.output() == null ? null : i.output().toString());
    }

    private String describe(Function<ModuleNode, String> shapeOf) {
        Set<String> shapes = new LinkedHashSet<>();
        List<ModuleNode> ran = new ArrayList<>();
        for (ModuleNode i : instances) {
            String s = shapeOf.apply(i);
            if (s != null) {
                shapes.add(s);
                ran.add(i);
            }
        }
        if (shapes.size() <= 1) {
            return shapes.isEmpty() ? null : shapes.iterator().next();
        }
        String inParameters = inParameters(ran, shapeOf);
        if (inParameters != null) {
            return inParameters;
        }
        return shapes.size() <= LISTED ? "varies: " + String.join(" | ", shapes)
                : "varies: " + shapes.size() + " shapes over " + ran.size() + " instances";
    }

    /**
     * The shape with each size that differs between instances written as the block parameter equal to it in every
     * instance, and as {@code ?} when no parameter is (a product, an element of a list parameter); null when no
     * size is a parameter or the instances' shapes differ in rank.
     */
    private static String inParameters(List<ModuleNode> ran, Function<ModuleNode, String> shapeOf) {
        String template = null;
        List<List<Long>> sizes = new ArrayList<>();
        for (ModuleNode i : ran) {
            String text = shapeOf.apply(i);
            List<Long> numbers = new ArrayList<>();
            Matcher m = SIZE.matcher(text);
            while (m.find()) {
                numbers.add(Long.parseLong(m.group()));
            }
            String t = SIZE.matcher(text).replaceAll("#");
            if (template != null && !template.equals(t)) {
                return null;
            }
            template = t;
            sizes.add(numbers);
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        int named = 0;
        int unknown = 0;
        for (char c : template.toCharArray()) {
            if (c != '#') {
                out.append(c);
                continue;
            }
            String size = sizeName(ran, sizes, k++);
            if (size == null) {
                unknown++;
                out.append('?');
            } else {
                named += Character.isDigit(size.charAt(0)) ? 0 : 1;
                out.append(size);
            }
        }
        if (named == 0) {
            return null;
        }
        return unknown == 0 ? out.toString() : out + " (each ? varies over " + ran.size() + " instances)";
    }

    /** The number all instances have at position {@code k}, else the first parameter equal to it in all of them. */
    private static String sizeName(List<ModuleNode> ran, List<List<Long>> sizes, int k) {
        long first = sizes.get(0).get(k);
        if (sizes.stream().allMatch(s -> s.get(k) == first)) {
            return Long.toString(first);
        }
        for (Map.Entry<String, Constant> p : ran.get(0).args().entrySet()) {
            boolean everywhere = true;
            for (int i = 0; i < ran.size() && everywhere; i++) {
                long size = sizes.get(i).get(k);
                everywhere = ran.get(i).args().get(p.getKey()) instanceof Constant.Int v && v.value() == size;
            }
            if (everywhere) {
                return p.getKey();
            }
        }
        return null;
    }
}
