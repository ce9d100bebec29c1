package dev.sinkwatch.contract;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/architecture.md read against the code: every class it names in backticks exists in a module's sources (main or test). */
class ArchitectureDocTest {
    /** {@code `ClassName`} or {@code `ClassName.member`}: an upper-case initial, then a lower-case letter. */
    private static final Pattern CLASS_NAME = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*)(?:\\.[A-Za-z]+)?`");

    @Test
    @DisplayName("every class docs/architecture.md names exists in the source tree")
    void everyNamedClassExists() throws IOException {
        Path root = Path.of("..");
        String page = Files.readString(root.resolve("docs/architecture.md"));
        Set<String> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("src" + java.io.File.separator))
                    .filter(p -> !p.toString().contains(java.io.File.separator + "target" + java.io.File.separator))
                    .map(p -> p.getFileName().toString().replace(".java", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertTrue(sources.contains("ExportLoop") && sources.contains("LogDecoder"), "sources found under " + root);
        Set<String> missing = new TreeSet<>();
        Matcher name = CLASS_NAME.matcher(page);
        int named = 0;
        while (name.find()) {
            named++;
            if (!sources.contains(name.group(1))) {
                missing.add(name.group(1));
            }
        }
        assertTrue(named > 40, "the page names the classes on the path of a sink call (" + named + " found)");
        assertEquals(Set.of(), missing, "named in docs/architecture.md but no such class in any module's sources");
    }
}
