package dev.sinkwatch.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a {@code // @sink:label} comment in a test application's source. */
public final class SourceMarkers {
    private SourceMarkers() {
    }

    public static int line(Class<?> app, String label) {
        Path source = Path.of("src/test/java", app.getName().replace('.', '/') + ".java");
        try {
            List<String> lines = Files.readAllLines(source);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("// @sink:" + label)) {
                    if (found > 0) {
                        throw new IllegalStateException("label " + label + " twice in " + source);
                    }
                    found = i + 1;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("no // @sink:" + label + " in " + source);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String file(Class<?> app) {
        return app.getSimpleName() + ".java";
    }
}
