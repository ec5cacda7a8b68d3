package org.voxarch.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small spec files for the tests. */
final class Specs {
    /** A block in its own file, imported by {@link #IMPORTING}. */
    static final String COMMON = """
            import "std/layers.arch"

            block Body(cin: int, cout: int) {
              res = UnetResBlock(cin, cout)
              forward(x) {
                return res(x)
              }
            }
            """;

    static final String IMPORTING = """
            import "parts/common.arch"

            network Imported(width: int = 8) {
              input x: [B, 1, 8, 8, 8]
              body = Body(1, width)
              forward(x) {
                return body(x)
              }
            }

            variant imported_wide = Imported(width = 16)
            """;

    static final String STANDALONE = """
            network Standalone(width: int = 4) {
              input x: [B, 1, 8, 8, 8]
              conv = Conv3d(1, width, 3, 1, 1)
              forward(x) {
                return conv(x)
              }
            }
            """;

    /** Two mistakes in two files: an unknown layer, and a channel mismatch. */
    static final String BROKEN_BLOCK = """
            block Stem(cin: int, cout: int) {
              conv = Conv3D(cin, cout, 3, 1, 1)
              forward(x) {
                return conv(x)
              }
            }
            """;

    static final String BROKEN_NETWORK = """
            network Broken(classes: int = 3) {
              input x: [B, 1, 8, 8, 8]
              a = Conv3d(1, 8, 3, 1, 1)
              b = Conv3d(16, classes, 1)
              forward(x) {
                return b(a(x))
              }
            }
            """;

    private Specs() {
    }

    static Path write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
