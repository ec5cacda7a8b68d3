package org.voxarch.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites generated Java so that every forward statement reports its value to {@link StatementProbe}. It relies on
 * the generated code's documented form: each statement carries a comment ending in its spec line
 * ({@code // [B, 4, 2, 2, 2]  spec.arch:12}), on the statement's line or on the line above it.
 */
final class ProbeInstrumenter {
    private static final Pattern FORWARD = Pattern.compile("^\\s*public Tensor(\\[])? forward\\(.*\\{$");
    private static final Pattern TRAILING = Pattern.compile("^(\\s*)(.*;)  // (?:.*\\s)?([\\w.-]+\\.arch:\\d+)$");
    private static final Pattern ABOVE = Pattern.compile("^\\s*// (?:.*\\s)?([\\w.-]+\\.arch:\\d+)$");
    private static final String PROBE = StatementProbe.class.getName() + ".seen(this, ";

    private ProbeInstrumenter() {
    }

    static String instrument(String source) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        String pending = null;
        for (String line : source.split("\n", -1)) {
            if (depth == 0) {
                if (FORWARD.matcher(line).matches()) {
                    depth = 1;
                }
                out.add(line);
                continue;
            }
            depth += count(line, '{') - count(line, '}');
            Matcher above = ABOVE.matcher(line);
            Matcher trailing = TRAILING.matcher(line);
            if (above.matches()) {
                pending = above.group(1);
                out.add(line);
            } else if (trailing.matches()) {
                out.add(trailing.group(1) + probe(trailing.group(2), trailing.group(3)));
                pending = null;
            } else if (pending != null) {
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                out.add(indent + probe(line.strip(), pending));
                pending = null;
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    /** {@code x = f(y);} becomes {@code x = Probe.seen(this, "spec.arch:3", f(y));}; returns likewise. */
    private static String probe(String statement, String lineRef) {
        String body = statement.substring(0, statement.length() - 1);
        String quoted = "\"" + lineRef + "\", ";
        if (body.startsWith("return ")) {
            return "return " + PROBE + quoted + body.substring("return ".length()) + ");";
        }
        int assign = body.indexOf(" = ");
        if (assign < 0) {
            throw new IllegalStateException("cannot instrument a forward statement: " + statement);
        }
        return body.substring(0, assign) + " = " + PROBE + quoted + body.substring(assign + 3) + ");";
    }

    private static int count(String line, char c) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            n += line.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
