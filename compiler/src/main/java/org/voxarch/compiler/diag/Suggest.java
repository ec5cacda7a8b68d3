package org.voxarch.compiler.diag;

import java.util.Collection;
import java.util.List;

/** "Did you mean" suggestions by edit distance. */
public final class Suggest {
    private Suggest() {
    }

    /**
     * The closest candidate within a small edit distance (a third of the name's length, at least one; a swap of
     * two neighbouring letters counts as one edit), or null.
     */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Math.max(1, name.length() / 3) + 1;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(), c.toLowerCase());
            // Between names that differ only in case (the layer Sigmoid, the function sigmoid), the one cased as
            // written wins.
            if (d < bestDistance || d == bestDistance && best != null && best.equalsIgnoreCase(c)
                    && distance(name, c) < distance(name, best)) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null ? best : onlyExtension(name, candidates);
    }

    /** The one candidate that starts with an abbreviation such as {@code padd} (padding), or null. */
    private static String onlyExtension(String name, Collection<String> candidates) {
        if (name.length() < 3) {
            return null;
        }
        List<String> longer = candidates.stream()
                .filter(c -> c.toLowerCase().startsWith(name.toLowerCase()) && c.length() > name.length()).toList();
        return longer.size() == 1 ? longer.get(0) : null;
    }

    public static String hint(String name, Collection<String> candidates) {
        String c = closest(name, candidates);
        return c == null ? null : "did you mean '" + c + "'?";
    }

    /** Edit distance with insertions, deletions, substitutions and swaps of neighbours (optimal alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
