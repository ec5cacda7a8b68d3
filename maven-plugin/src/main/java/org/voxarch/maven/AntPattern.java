package org.voxarch.maven;

import java.util.regex.Pattern;

/**
 * A Maven/Ant style path pattern, as used by {@code <includes>} and {@code <excludes>}: {@code *} matches within a
 * folder name, {@code ?} one character, {@code **} any number of folders (also none), and a pattern ending in
 * {@code /} matches everything below that folder. Paths are matched with {@code /} separators.
 */
final class AntPattern {
    private final String text;
    private final Pattern regex;

    AntPattern(String text) {
        this.text = text;
        String normalised = text.replace('\\', '/');
        if (normalised.endsWith("/")) {
            normalised += "**";
        }
        this.regex = Pattern.compile(toRegex(normalised));
    }

    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    private static String toRegex(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                out.append("(?:.*/)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                out.append(".*");
                i += 2;
            } else if (c == '*') {
                out.append("[^/]*");
                i++;
            } else if (c == '?') {
                out.append("[^/]");
                i++;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
