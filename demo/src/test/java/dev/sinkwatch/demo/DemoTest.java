package dev.sinkwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.attribution.AttributionCommand;
import dev.sinkwatch.collector.attribution.AttributionIndex;
import dev.sinkwatch.collector.attribution.Authorship;
import dev.sinkwatch.collector.attribution.Region;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's git history and attribution, without the agent: the repository's HEAD is the sample app's source as
 * compiled, and the index built from it puts each attack's call site where the demo says it is. (The whole demo,
 * agent and alerts included, is {@code DemoIT}.)
 */
class DemoTest {

    static final Path SOURCES = Path.of("src/main/java/com/example/shop");

    @TempDir
    Path work;

    /** 1-based line of the only line of {@code file} (in the sample app) containing {@code needle}. */
    static int lineOf(String file, String needle) throws Exception {
        List<String> lines = Files.readAllLines(SOURCES.resolve(file));
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                assertEquals(0, found, "'" + needle + "' occurs more than once in " + file);
                found = i + 1;
            }
        }
        assertTrue(found > 0, "'" + needle + "' not in " + file);
        return found;
    }

    @Test
    @DisplayName("every source file of the sample app is in the jar's demo-source and the demo's file list")
    void everySourceIsCommitted() throws Exception {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .sorted().toList();
            assertEquals(onDisk, DemoRepository.FILES.stream().sorted().toList());
        }
        for (String name : DemoRepository.FILES) {
            assertEquals(Files.readString(SOURCES.resolve(name)), DemoRepository.source(name), name);
        }
    }

    @Test
    @DisplayName("the repository's history, indexed: byCustomer is Claude Code's, ReportExporter Cursor's, the rest human")
    void historyAndIndex() throws Exception {
        DemoRepository.Built repo = DemoRepository.create(work.resolve("repo"));
        for (String name : DemoRepository.FILES) {
            assertEquals(Files.readString(SOURCES.resolve(name)),
                    Files.readString(repo.dir().resolve(DemoRepository.SOURCE_DIR + name)), name + " at HEAD");
        }
        List<DemoRepository.Commit> history = repo.history();
        assertEquals(5, history.size());
        assertEquals(history.get(4).id(), repo.head());
        String claude = history.get(2).id();
        String cursor = history.get(3).id();

        Path indexFile = work.resolve("index.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, AttributionCommand.run(new String[] {"--repo", repo.dir().toString(), "--out",
                indexFile.toString(), "--service", ShopProcess.SERVICE, "--quiet"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
        AttributionIndex index = AttributionIndex.load(indexFile);
        assertEquals(repo.head(), index.commit());
        assertEquals(ShopProcess.SERVICE, index.service().orElseThrow());
        assertEquals(2, index.aiRegions().size(), index.aiRegions().toString());

        // SQL injection's call site: Claude Code, the model, the commit, exactly byCustomer (and its blank line).
        Region sql = index.lookup("com.example.shop.OrderRepository",
                lineOf("OrderRepository.java", "rows = statement.executeQuery(")).orElseThrow();
        assertEquals(Authorship.AI, sql.authorship(), sql.describe());
        assertEquals("Claude Code", sql.tool());
        assertEquals("claude-sonnet-4-5", sql.model());
        assertEquals(claude, sql.commit());
        int start = lineOf("OrderRepository.java", "int byCustomer(String customer)");
        assertEquals(start, sql.startLine(), sql.describe());
        assertTrue(sql.endLine() >= start + 10 && sql.endLine() <= start + 11, sql.describe());

        // Shell exec: the file Cursor's agent wrote.
        Region exec = index.lookup("com.example.shop.ReportExporter", lineOf("ReportExporter.java",
                "new ProcessBuilder(")).orElseThrow();
        assertEquals(Authorship.AI, exec.authorship(), exec.describe());
        assertEquals("Cursor", exec.tool());
        assertEquals(cursor, exec.commit());

        // The other attacks' call sites: human, with their commits.
        Region traversal = index.lookup("com.example.shop.ReceiptStore", lineOf("ReceiptStore.java",
                "return Files.readString(")).orElseThrow();
        assertEquals(Authorship.HUMAN, traversal.authorship(), traversal.describe());
        assertEquals(history.get(0).id(), traversal.commit());
        Region ssrf = index.lookup("com.example.shop.PriceClient", lineOf("PriceClient.java",
                ".openConnection(proxy)")).orElseThrow();
        assertEquals(Authorship.HUMAN, ssrf.authorship(), ssrf.describe());
        assertEquals(history.get(1).id(), ssrf.commit());
        Region before = index.lookup("com.example.shop.OrderRepository", start - 2).orElseThrow();
        assertEquals(Authorship.HUMAN, before.authorship(), "byId, before byCustomer: " + before.describe());
    }

    @Test
    @DisplayName("the same sources give the same commit ids (fixed dates and identities)")
    void deterministic() throws Exception {
        assertEquals(DemoRepository.create(work.resolve("a")).history(),
                DemoRepository.create(work.resolve("b")).history());
    }

    @Test
    @DisplayName("an alert's attribution object in one line: AI with tool, model, commit and lines; human with the "
            + "author; unknown with the reason; none without an index")
    void attributionLine() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode ai = json.readTree("""
                {"attributionClass":"ai","tool":"Claude Code","model":"claude-sonnet-4-5",
                 "commit":"3f2a9c1e0123456789abcdef0123456789abcdef",
                 "file":"src/main/java/com/example/shop/OrderRepository.java","startLine":46,"endLine":57,
                 "note":"source trailer, confidence 0.70, author Alice Martin <alice@shop.example>"}""");
        assertEquals("written by AI: Claude Code (claude-sonnet-4-5) in 3f2a9c1e, OrderRepository.java:46-57",
                Demo.attribution(ai));
        JsonNode human = json.readTree("""
                {"attributionClass":"human","commit":"1b2c3d4e0123456789abcdef0123456789abcdef",
                 "file":"src/main/java/com/example/shop/ReceiptStore.java","startLine":1,"endLine":33,
                 "note":"source commit, confidence 0.60, author Alice Martin <alice@shop.example>"}""");
        assertEquals("written by a human: Alice Martin in 1b2c3d4e, ReceiptStore.java:1-33", Demo.attribution(human));
        JsonNode unknown = json.readTree("""
                {"attributionClass":"unknown","startLine":0,"endLine":0,
                 "note":"no attributed lines for this call site in the index built at 1b2c3d4e0123"}""");
        assertEquals("attribution unknown: no attributed lines for this call site in the index built at 1b2c3d4e0123",
                Demo.attribution(unknown));
        assertEquals("attribution: none (no attribution index covers this service)",
                Demo.attribution(json.readTree("{}").path("attribution")));
    }
}
