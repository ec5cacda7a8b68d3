package org.voxarch.runtime.nn;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a generated block is built in: where it sits in the network (its state-dict path), the parameter values a
 * variant fixes, for every instance of a block ({@code with { EPA.heads = 2 }}) or for the one at a path
 * ({@code with { decoder5.decoder_block.0.1.epa_block.proj = 16 }}), and the variant's child replacements
 * ({@code with { Stage.mixer := Point(c) }}). Block classes are shared by all variants; each variant passes its own
 * context down the tree instead of having classes of its own.
 *
 * <p>Immutable. Without overrides, {@link #at} returns the context itself, so building pays nothing for paths.
 */
public final class BlockContext {
    /** The root of a network that overrides nothing. */
    public static final BlockContext ROOT = new BlockContext("", Map.of(), Map.of(), Set.of());

    private final String path;
    /** {@code Block.parameter} to value. */
    private final Map<String, Object> byBlock;
    /** {@code path:parameter} to value. */
    private final Map<String, Object> byPath;
    /** The variant's child replacements, by the name the generated blocks know them by. */
    private final Set<String> replacements;

    private BlockContext(String path, Map<String, Object> byBlock, Map<String, Object> byPath,
            Set<String> replacements) {
        this.path = path;
        this.byBlock = byBlock;
        this.byPath = byPath;
        this.replacements = replacements;
    }

    /** This root context with {@code block}'s {@code parameter} fixed to {@code value} in every instance. */
    public BlockContext fixing(String block, String parameter, Object value) {
        Map<String, Object> next = new HashMap<>(byBlock);
        next.put(block + "." + parameter, Objects.requireNonNull(value));
        return new BlockContext(path, Map.copyOf(next), byPath, replacements);
    }

    /** This root context with {@code parameter} of the block instance at {@code instancePath} set to {@code value}. */
    public BlockContext fixingAt(String instancePath, String parameter, Object value) {
        Map<String, Object> next = new HashMap<>(byPath);
        next.put(instancePath + ":" + parameter, Objects.requireNonNull(value));
        return new BlockContext(path, byBlock, Map.copyOf(next), replacements);
    }

    /** This root context with the variant's child replacement {@code replacement} in force. */
    public BlockContext replacing(String replacement) {
        Set<String> next = new HashSet<>(replacements);
        next.add(replacement);
        return new BlockContext(path, byBlock, byPath, Set.copyOf(next));
    }

    /** The context of the child or container item called {@code name} (a spec name or an index). */
    public BlockContext at(Object name) {
        if (byBlock.isEmpty() && byPath.isEmpty() && replacements.isEmpty()) {
            return this;
        }
        return new BlockContext(path.isEmpty() ? name.toString() : path + "." + name, byBlock, byPath,
                replacements);
    }

    /**
     * Whether the variant's replacement {@code replacement} builds the module of context {@code child}: it is in
     * force and its target matches the child's path, {@code *} standing for any one segment.
     *
     * @param target    the replacement's target: from the root ({@code s2.mixer}), or from this block when
     *                  {@code blockWide} ({@code Stage.mixer} is {@code mixer})
     * @param blockWide whether the target names a block ({@code Stage.mixer}) rather than a path
     */
    public boolean replaces(String replacement, BlockContext child, String target, boolean blockWide) {
        if (!replacements.contains(replacement)) {
            return false;
        }
        String childPath = child.path;
        if (blockWide && !path.isEmpty()) {
            if (!childPath.startsWith(path + ".")) {
                return false;
            }
            childPath = childPath.substring(path.length() + 1);
        }
        String[] parts = childPath.split("\\.", -1);
        String[] wanted = target.split("\\.", -1);
        if (parts.length != wanted.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!wanted[i].equals("*") && !wanted[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** The state-dict path of the module built in this context ({@code ""} for the root). */
    public String path() {
        return path;
    }

    /**
     * The value {@code block}'s {@code parameter} takes here: the variant's value for this instance, else its value
     * for every instance of the block, else {@code given}.
     *
     * @param given the value the spec passes (or the parameter's default)
     */
    @SuppressWarnings("unchecked")
    public <T> T value(String block, String parameter, T given) {
        Object at = byPath.get(path + ":" + parameter);
        if (at != null) {
            return (T) at;
        }
        return blockValue(block, parameter, given);
    }

    /**
     * The value the variant fixes for {@code parameter} in every instance of {@code block}, else {@code given}: what
     * a default that depends on the parameter is computed from.
     */
    @SuppressWarnings("unchecked")
    public <T> T blockValue(String block, String parameter, T given) {
        Object fixed = byBlock.get(block + "." + parameter);
        return fixed == null ? given : (T) fixed;
    }
}
