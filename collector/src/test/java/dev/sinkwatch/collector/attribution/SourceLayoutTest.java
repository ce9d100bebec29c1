package dev.sinkwatch.collector.attribution;

import static dev.sinkwatch.collector.attribution.TestRepo.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.collector.attribution.SourceScanner.SourceInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class name → file resolution: packages, source roots, multi-module layouts, Kotlin, the scanner itself. */
class SourceLayoutTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("multi-module Java and Kotlin roots are detected; src/main wins over other copies; --source-root limits")
    void multiModule() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("orders/src/main/java/com/acme/orders/OrderService.java", List.of(
                    "package com.acme.orders;", "", "public class OrderService {", "    int x;", "}",
                    "", "class OrderHelper {", "}"));
            repo.write("legacy/src/com/acme/orders/OrderService.java", List.of(
                    "package com.acme.orders;", "", "public class OrderService {", "}"));
            repo.write("billing/src/main/kotlin/com/acme/billing/Invoice.kt", List.of(
                    "package com.acme.billing", "", "data class Invoice(val id: String)", "",
                    "fun total(items: List<Int>): Int {", "    return items.sum()", "}"));
            repo.write("README.md", List.of("# not source"));
            repo.commit(ALICE, "Modules");
            AttributionIndex index = repo.index();
            assertEquals(List.of("billing/src/main/kotlin", "legacy/src", "orders/src/main/java"),
                    index.sourceRoots());
            assertEquals(3, index.files().size());
            assertEquals("orders/src/main/java/com/acme/orders/OrderService.java",
                    index.lookup("com.acme.orders.OrderService", 4).orElseThrow().path());
            assertEquals("orders/src/main/java/com/acme/orders/OrderService.java",
                    index.lookup("com.acme.orders.OrderHelper", 7).orElseThrow().path());
            assertEquals("billing/src/main/kotlin/com/acme/billing/Invoice.kt",
                    index.lookup("com.acme.billing.InvoiceKt", 6).orElseThrow().path());
            assertEquals("billing/src/main/kotlin/com/acme/billing/Invoice.kt",
                    index.lookup("com.acme.billing.Invoice", 3).orElseThrow().path());
            assertEquals("orders/src/main/java/com/acme/orders/OrderService.java",
                    index.lookup("com.acme.orders.Unscanned", "OrderService.java", 4).orElseThrow().path());

            AttributionIndex limited = new IndexBuilder(new IndexBuilder.Options(dir, null,
                    List.of("orders/src/main/java/"), null, false, false, null, null)).build();
            assertEquals(List.of("orders/src/main/java/com/acme/orders/OrderService.java"),
                    limited.files().stream().map(IndexedFile::path).toList());
        }
    }

    @Test
    @DisplayName("the scanner finds package and top-level types, ignoring strings, comments, nested types and X.class")
    void scanner() {
        SourceInfo info = SourceScanner.scan("src/A.java", String.join("\n",
                "/* class Fake { */",
                "package a.b.c;",
                "import java.util.List;",
                "@Ann(Other.class)",
                "public final class A<T> implements Runnable {",
                "    String s = \"class NotMe { }\";",
                "    char c = '{';",
                "    String tb = \"\"\"",
                "        class AlsoNot {",
                "        \"\"\";",
                "    class Inner { }",
                "    enum E { X }",
                "    public void run() { Runnable r = () -> { }; }",
                "}",
                "record R(int x) { }",
                "interface I { }",
                "enum Color { RED }",
                "@interface Marker { }",
                "class record { }"));
        assertEquals("a.b.c", info.packageName());
        assertEquals(List.of("A", "R", "I", "Color", "Marker", "record"), info.classes());
        assertTrue(info.spans().isEmpty());
    }

    @Test
    @DisplayName("prose that mentions the marker syntax is not a marker")
    void proseIsNotAMarker() {
        SourceInfo info = SourceScanner.scan("A.java", "/**\n * Use {@code // @ai-generated begin tool=x} and\n"
                + " * {@code // @ai-generated end}.\n */\nclass A {\n    /* @ai-generated begin tool=x */\n"
                + "    int x;\n    // @ai-generated end\n}\n");
        assertEquals(List.of(new SourceScanner.MarkedSpan(6, 8, "x", null, "comment")), info.spans());
    }

    @Test
    @DisplayName("an unclosed marker is reported, not guessed")
    void unclosedMarker() {
        SourceInfo info = SourceScanner.scan("A.java", "class A {\n // @ai-generated begin tool=claude\n int x;\n}\n");
        assertTrue(info.spans().isEmpty());
        assertEquals(1, info.warnings().size());
    }

    @Test
    @DisplayName("source roots come from path minus package directory")
    void sourceRoot() {
        assertEquals("a/src/main/java", IndexBuilder.sourceRoot("a/src/main/java/com/x/Y.java", "com.x").orElseThrow());
        assertEquals("", IndexBuilder.sourceRoot("com/x/Y.java", "com.x").orElseThrow());
        assertTrue(IndexBuilder.sourceRoot("src/Y.kt", "com.x").isEmpty());
    }
}
