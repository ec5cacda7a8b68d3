package org.voxarch.tests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grammar-aware mutations of spec text (issue 11): the text is cut into the language's tokens, and a mutation
 * deletes, duplicates or swaps tokens, replaces numbers by hostile values, inflates ranges, nests deeply, adds
 * recursion, inserts random bytes or truncates. The result is bytes, since not every mutant is valid UTF-8.
 */
final class SpecMutator {
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\\\n]|\\\\.)*\"|//[^\\n]*|[A-Za-z_][A-Za-z_0-9]*|\\d+\\.\\d*(?:[eE][+-]?\\d+)?|\\d+|\\*\\*"
                    + "|[=!<>]=|\\s+|.");
    private static final String[] HOSTILE_NUMBERS = {"0", "-1", "2147483648", "9223372036854775808",
        "9223372036854775807", "1e308", "NaN", "-0.0", "4294967296", "1e-320", "100000000000"};
    private static final String[] KEYWORDS = {"block", "network", "variant", "grid", "if", "else", "let", "forward",
        "return", "import", "require", "init", "input", "for", "in", "with", "over", "enum", "B", "and", "not"};

    private final Random random;

    SpecMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One mutant of {@code text}; which mutation is chosen at random, sometimes two in a row. */
    byte[] mutate(String text) {
        String once = mutateText(text);
        if (random.nextInt(4) == 0) {
            once = mutateText(once);
        }
        return switch (random.nextInt(12)) {
            case 0 -> randomBytes(once);
            case 1 -> truncate(once);
            default -> once.getBytes(StandardCharsets.UTF_8);
        };
    }

    private String mutateText(String text) {
        List<String> tokens = tokens(text);
        List<Integer> solid = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<Integer> names = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!t.isBlank() && !t.startsWith("//")) {
                solid.add(i);
                if (Character.isDigit(t.charAt(0))) {
                    numbers.add(i);
                } else if (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_') {
                    names.add(i);
                }
            }
        }
        if (solid.isEmpty()) {
            return text + " " + KEYWORDS[random.nextInt(KEYWORDS.length)];
        }
        int at = solid.get(random.nextInt(solid.size()));
        switch (random.nextInt(11)) {
            case 0 -> tokens.set(at, "");
            case 1 -> tokens.set(at, tokens.get(at) + " " + tokens.get(at));
            case 2 -> {
                int other = solid.get(random.nextInt(solid.size()));
                String t = tokens.get(at);
                tokens.set(at, tokens.get(other));
                tokens.set(other, t);
            }
            case 3, 4 -> {
                int n = numbers.isEmpty() ? at : numbers.get(random.nextInt(numbers.size()));
                tokens.set(n, HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)]);
            }
            case 5 -> {
                int n = names.isEmpty() ? at : names.get(random.nextInt(names.size()));
                int other = names.isEmpty() ? at : names.get(random.nextInt(names.size()));
                tokens.set(n, tokens.get(other));
            }
            case 6 -> tokens.set(at, KEYWORDS[random.nextInt(KEYWORDS.length)] + " " + tokens.get(at));
            case 7 -> {
                int n = numbers.isEmpty() ? at : numbers.get(random.nextInt(numbers.size()));
                tokens.set(n, switch (random.nextInt(3)) {
                    case 0 -> "prod([" + "1000, ".repeat(8) + "1000])";
                    case 1 -> "len([i * 2 for i in range(1000000000)])";
                    default -> "len([[i * j for j in range(100000)] for i in range(100000)])";
                });
            }
            case 8 -> {
                int depth = 50 + random.nextInt(random.nextBoolean() ? 100 : 20_000);
                String nested = random.nextBoolean() ? "(".repeat(depth) + tokens.get(at) + ")".repeat(depth)
                        : (tokens.get(at) + " + ").repeat(depth) + tokens.get(at);
                tokens.set(at, nested);
            }
            case 9 -> {
                return text + recursion();
            }
            default -> {
                // Moves a token elsewhere.
                int other = solid.get(random.nextInt(solid.size()));
                String moved = tokens.get(at);
                tokens.set(at, "");
                tokens.set(other, tokens.get(other) + " " + moved);
            }
        }
        return String.join("", tokens);
    }

    /** A self- or mutually recursive block, used by a network so elaboration reaches it. */
    private String recursion() {
        if (random.nextBoolean()) {
            return "\nblock Again(c: int) {\n  inner = Again(c)\n  forward(x) {\n    return inner(x)\n  }\n}\n"
                    + "network Loop(c: int = 2) {\n  input x: [B, c, 4, 4, 4]\n  again = Again(c)\n"
                    + "  forward(x) {\n    return again(x)\n  }\n}\n";
        }
        return "\nblock Ping(c: int) {\n  pong = Pong(c + 1)\n  forward(x) {\n    return pong(x)\n  }\n}\n"
                + "block Pong(c: int) {\n  ping = Ping(c * 2)\n  forward(x) {\n    return ping(x)\n  }\n}\n"
                + "network Loop2(c: int = 2) {\n  input x: [B, c, 4, 4, 4]\n  ping = Ping(c)\n"
                + "  forward(x) {\n    return ping(x)\n  }\n}\n";
    }

    private byte[] randomBytes(String text) {
        byte[] original = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(original.length + 1);
        byte[] junk = new byte[1 + random.nextInt(16)];
        random.nextBytes(junk);
        byte[] out = new byte[original.length + junk.length];
        System.arraycopy(original, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(original, at, out, at + junk.length, original.length - at);
        return out;
    }

    private byte[] truncate(String text) {
        byte[] original = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[random.nextInt(original.length + 1)];
        System.arraycopy(original, 0, out, 0, out.length);
        return out;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
