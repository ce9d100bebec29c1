package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.attribution.AttributionCommand;
import dev.sinkwatch.collector.config.CollectorConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, end to end: an application whose git history holds a human commit and a later AI-attributed commit
 * (Claude Code trailers) is compiled, indexed with the {@code attribution} command, and run in a child JVM under the
 * real agent against a real collector. The SQL injection raised in the AI-written method names Claude Code, the
 * model, the AI commit and exactly that method's lines; the path traversal raised in the human-written method says
 * human, with the human commit. An index built at another commit than the deployed one makes the alerts say so.
 */
class AttributionEndToEndIT {

    static final String SERVICE = "orders";
    static final String SERVICE_PATH = "src/main/java/com/example/orders/OrderService.java";
    static final String APP_PATH = "src/main/java/com/example/orders/OrderApp.java";
    static final String AI_FUNCTION = "com.example.orders.OrderService.countOrders";
    static final String HUMAN_FUNCTION = "com.example.orders.OrderService.readReceipt";

    /** Written by Alice: the class, its fields and the receipt reader. The blank line before the final brace keeps
     *  the AI commit's insertion point unambiguous for the line diff. */
    static final String SERVICE_BY_HUMAN = """
            package com.example.orders;

            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.sql.Connection;

            /** Orders and their receipts. */
            public final class OrderService {

                private final Connection db;
                private final Path receipts;

                public OrderService(Connection db, Path receipts) {
                    this.db = db;
                    this.receipts = receipts;
                }

                /** A receipt's text, by file name. */
                public String readReceipt(String name) throws IOException {
                    Path file = receipts.resolve(name);
                    return Files.readString(file);
                }

            }
            """;

    static final String AI_IMPORTS = """
            import java.sql.ResultSet;
            import java.sql.SQLException;
            import java.sql.Statement;
            """;

    /** Written with Claude Code: SQL built by concatenation. */
    static final String AI_METHOD = """
                /** How many orders a customer has. */
                public int countOrders(String customer) throws SQLException {
                    String sql = "SELECT COUNT(*) FROM orders WHERE customer = '" + customer + "'";
                    try (Statement statement = db.createStatement()) {
                        ResultSet rows = statement.executeQuery(sql);
                        rows.next();
                        return rows.getInt(1);
                    }
                }
            """;

    /**
     * The driver, by Alice; the AI commit adds two commands. It shares no line of 20+ alphanumerics with the AI
     * code (no {@code import java.sql.Statement;}, no {@code try (Statement statement = ...)}): the history walk
     * treats such a line, added by a commit that also changes this file, as copied from here ({@code git blame -C}),
     * which would split the AI region (docs/attribution.md, "History walk").
     */
    static final String APP_BY_HUMAN = """
            package com.example.orders;

            import java.io.BufferedReader;
            import java.io.InputStreamReader;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Path;
            import java.sql.Connection;
            import java.sql.DriverManager;

            /** Drives OrderService from standard input, one command a line; answers "ok <command>". */
            public final class OrderApp {

                public static void main(String[] args) throws Exception {
                    Path home = Path.of(args[0]);
                    Connection db = DriverManager.getConnection("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
                    try (var setup = db.createStatement()) {
                        setup.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(64))");
                        setup.execute("INSERT INTO orders VALUES (1, 'alice'), (2, 'bob'), (3, 'alice')");
                    }
                    OrderService orders = new OrderService(db, home.resolve("receipts"));
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    System.out.println("ready");
                    String command;
                    while ((command = in.readLine()) != null) {
                        try {
                            run(orders, command);
                            System.out.println("ok " + command);
                        } catch (Exception e) {
                            System.out.println("error " + command + ": " + e);
                        }
                    }
                }

                static void run(OrderService orders, String command) throws Exception {
                    switch (command) {
                        case "receipt" -> orders.readReceipt("r-1.txt");
                        case "receipt-traversal" -> orders.readReceipt("../secret/canary.txt");
                        default -> throw new IllegalArgumentException("unknown command");
                    }
                }
            }
            """;

    static final String AI_APP_CASES = """
                        case "count" -> orders.countOrders("alice");
                        case "count-injection" -> orders.countOrders("x' OR '1'='1");
            """;

    static final String AI_COMMIT_MESSAGE = """
            Add order count by customer

            Generated-by: Claude Code (claude-sonnet-4-5)

            Co-Authored-By: Claude <noreply@anthropic.com>
            """;

    static final PersonIdent ALICE = new PersonIdent("Alice Dev", "alice@example.com");
    static final PersonIdent BOB = new PersonIdent("Bob Ops", "bob@example.com");

    @TempDir
    Path work;

    /** The sample repository: commit 1 by Alice (human), commit 2 by Alice with Claude Code (AI trailers). */
    record Repo(Path dir, String humanCommit, String aiCommit) {
        Path file(String path) {
            return dir.resolve(path);
        }
    }

    static String aiVersionOfService() {
        String s = SERVICE_BY_HUMAN.replace("import java.sql.Connection;\n",
                "import java.sql.Connection;\n" + AI_IMPORTS);
        int end = s.lastIndexOf("}\n");
        return s.substring(0, end) + AI_METHOD + "}\n";
    }

    static String aiVersionOfApp() {
        return APP_BY_HUMAN.replace("            default ->", AI_APP_CASES + "            default ->");
    }

    Repo createRepo() throws Exception {
        Path dir = work.resolve("repo");
        Files.createDirectories(dir.resolve(SERVICE_PATH).getParent());
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve(SERVICE_PATH), SERVICE_BY_HUMAN);
            Files.writeString(dir.resolve(APP_PATH), APP_BY_HUMAN);
            Files.writeString(dir.resolve("README.md"), "# orders\n");
            git.add().addFilepattern(".").call();
            String human = git.commit().setAuthor(ALICE).setCommitter(ALICE).setSign(false)
                    .setMessage("Order service: receipts").call().name();

            Files.writeString(dir.resolve(SERVICE_PATH), aiVersionOfService());
            Files.writeString(dir.resolve(APP_PATH), aiVersionOfApp());
            git.add().addFilepattern(".").call();
            String ai = git.commit().setAuthor(ALICE).setCommitter(ALICE).setSign(false)
                    .setMessage(AI_COMMIT_MESSAGE).call().name();
            return new Repo(dir, human, ai);
        }
    }

    /** A later human commit that shifts every line of OrderService by two (a licence header). */
    static String commitLicenceHeader(Repo repo) throws Exception {
        try (Git git = Git.open(repo.dir().toFile())) {
            Path file = repo.file(SERVICE_PATH);
            Files.writeString(file, "// Copyright 2026 Example Corp.\n// SPDX-License-Identifier: Apache-2.0\n"
                    + Files.readString(file));
            git.add().addFilepattern(".").call();
            return git.commit().setAuthor(BOB).setCommitter(BOB).setSign(false).setMessage("Licence header").call()
                    .name();
        }
    }

    Path buildIndex(Repo repo, String rev, Path out) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Files.createDirectories(out.getParent());
        int code = AttributionCommand.run(new String[] {"attribution", "--repo", repo.dir().toString(), "--out",
                out.toString(), "--rev", rev, "--service", SERVICE, "--quiet"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** Compiles the repository's work tree (with debug info: the agent reports source lines). */
    Path compile(Repo repo) throws Exception {
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK is needed to compile the sample app");
        List<String> args = new ArrayList<>(List.of("-g", "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(repo.dir().resolve("src"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, javac.run(null, null, err, args.toArray(String[]::new)), err.toString());
        return classes;
    }

    /** The index's ranges for OrderService, for failure messages. */
    static String ranges(Path index) throws Exception {
        for (JsonNode file : new ObjectMapper().readTree(index.toFile()).get("files")) {
            if (file.get("path").asText().equals(SERVICE_PATH)) {
                return file.get("ranges").toString();
            }
        }
        return "(no entry for " + SERVICE_PATH + ")";
    }

    static String h2Jar() throws Exception {
        return Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** The app's home: a receipt and, outside the receipts directory, the canary a traversal reads. */
    Path home() throws Exception {
        Path home = work.resolve("home");
        Files.createDirectories(home.resolve("receipts"));
        Files.createDirectories(home.resolve("secret"));
        Files.writeString(home.resolve("receipts/r-1.txt"), "receipt 1\n");
        Files.writeString(home.resolve("secret/canary.txt"), "sinkwatch attribution canary\n");
        return home;
    }

    /** 1-based line of the only line of {@code text} containing {@code needle}. */
    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                assertEquals(0, found, "'" + needle + "' occurs more than once");
                found = i + 1;
            }
        }
        assertTrue(found > 0, "'" + needle + "' not in the source");
        return found;
    }

    static CollectorConfig config(Path work, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("server.otlp-port", "0", "server.api-port",
                "0", "storage.data-dir", work.resolve("data").toString(), "detect.quiet-period", "2s"));
        settings.putAll(extra);
        return CollectorConfig.defaults().with(settings);
    }

    static JsonNode awaitAlert(Api api, String detector, String function) throws Exception {
        JsonNode alert = api.awaitAlert(a -> detector.equals(a.get("detector").asText())
                && function.equals(a.path("callSite").path("function").asText()), 15_000);
        assertNotNull(alert, "no " + detector + " alert at " + function + "; alerts: " + api.alerts());
        return alert;
    }

    @Test
    @DisplayName("an alert in the AI-written method names Claude Code, the model, the AI commit and the method's lines; "
            + "one in the human-written method says human")
    void alertsCarryAttribution() throws Exception {
        Repo repo = createRepo();
        String source = Files.readString(repo.file(SERVICE_PATH));
        Path attributionDir = work.resolve("attribution");
        Path index = buildIndex(repo, repo.aiCommit(), attributionDir.resolve("orders.json"));
        String ranges = ranges(index);
        Path classes = compile(repo);

        // Expected regions, from the source as deployed.
        int aiStart = lineOf(source, "/** How many orders a customer has. */");
        int aiEnd = aiStart + AI_METHOD.split("\n").length - 1;
        assertEquals("    }", source.split("\n")[aiEnd - 1], "the AI region ends at countOrders' closing brace");
        int sqlLine = lineOf(source, "statement.executeQuery(sql)");
        int humanStart = lineOf(source, "import java.sql.Statement;") + 1;
        int readLine = lineOf(source, "return Files.readString(file);");

        try (Collector collector = Collector.start(config(work, Map.of("attribution.dir",
                attributionDir.toString())));
             AppProcess app = AppProcess.start(collector.otlpPort(), classes, home(), repo.aiCommit())) {
            Api api = new Api(collector.apiPort());

            long learnUntil = System.currentTimeMillis() + 4_000;
            while (System.currentTimeMillis() < learnUntil) {
                app.send("receipt");
                app.send("count");
                Thread.sleep(200);
            }
            Thread.sleep(1500); // the last deltas (export interval 1 s)
            assertTrue(collector.awaitIdle(5000));
            assertEquals(List.of(), api.alerts(), "benign traffic raises no alert");

            app.send("count-injection");
            JsonNode sql = awaitAlert(api, "sql.injection", AI_FUNCTION);
            app.send("receipt-traversal");
            JsonNode traversal = awaitAlert(api, "file.traversal", HUMAN_FUNCTION);

            // AI-written method
            assertEquals(sqlLine, sql.get("callSite").get("line").asInt(), sql.toString());
            JsonNode ai = sql.get("attribution");
            assertNotNull(ai, "the SQL injection alert has no attribution: " + sql);
            assertEquals("ai", ai.get("attributionClass").asText(), ai.toString());
            assertEquals("Claude Code", ai.get("tool").asText(), ai.toString());
            assertEquals("claude-sonnet-4-5", ai.get("model").asText(), ai.toString());
            assertEquals(repo.aiCommit(), ai.get("commit").asText(), ai.toString());
            assertEquals(SERVICE_PATH, ai.get("file").asText(), ai.toString());
            assertEquals(aiStart, ai.get("startLine").asInt(), "AI region starts at countOrders' Javadoc: " + ai
                    + "; index ranges: " + ranges);
            assertEquals(aiEnd, ai.get("endLine").asInt(), "AI region ends at countOrders' closing brace: " + ai
                    + "; index ranges: " + ranges);
            assertTrue(aiStart <= sqlLine && sqlLine <= aiEnd);
            assertTrue(ai.get("note").asText().startsWith("source trailer, confidence 0.70"), ai.toString());
            assertFalse(ai.get("note").asText().contains("rebuild"), "index and deployment match: " + ai);

            // Human-written method
            assertEquals(readLine, traversal.get("callSite").get("line").asInt(), traversal.toString());
            JsonNode human = traversal.get("attribution");
            assertNotNull(human, "the traversal alert has no attribution: " + traversal);
            assertEquals("human", human.get("attributionClass").asText(), human.toString());
            assertEquals(repo.humanCommit(), human.get("commit").asText(), human.toString());
            assertEquals(SERVICE_PATH, human.get("file").asText(), human.toString());
            assertFalse(human.has("tool"), human.toString());
            assertFalse(human.has("model"), human.toString());
            assertEquals(humanStart, human.get("startLine").asInt(), "human lines after the AI imports: " + human
                    + "; index ranges: " + ranges);
            assertEquals(aiStart - 1, human.get("endLine").asInt(), "human lines up to the AI method: " + human
                    + "; index ranges: " + ranges);
            assertTrue(human.get("note").asText().contains("author Alice Dev <alice@example.com>"), human.toString());
            assertFalse(human.get("note").asText().contains("rebuild"), human.toString());

            // The single-alert endpoint says the same.
            assertEquals(ai, api.get("/api/alerts/" + sql.get("id").asText()).get("attribution"));
        }
    }

    @Test
    @DisplayName("an index built at another commit than the deployed one: the alerts say so instead of passing as exact")
    void revisionMismatchIsReported() throws Exception {
        Repo repo = createRepo();
        String deployed = commitLicenceHeader(repo);
        Path index = buildIndex(repo, repo.aiCommit(), work.resolve("index/orders.json"));
        Path classes = compile(repo); // the work tree: the deployed commit, two lines further down

        try (Collector collector = Collector.start(config(work, Map.of()));
             AppProcess app = AppProcess.start(collector.otlpPort(), classes, home(), deployed)) {
            Api api = new Api(collector.apiPort());
            JsonNode upload = api.post("/api/attribution", Files.readString(index));
            assertEquals(repo.aiCommit(), upload.get("commit").asText(), upload.toString());

            app.send("receipt");
            app.send("count");
            app.send("count-injection");
            app.send("receipt-traversal");
            String expected = "attribution index built at " + repo.aiCommit().substring(0, 12)
                    + " but the service runs " + deployed.substring(0, 12)
                    + "; line ranges may have moved: rebuild the index at the deployed commit";
            for (JsonNode alert : List.of(awaitAlert(api, "sql.injection", AI_FUNCTION),
                    awaitAlert(api, "file.traversal", HUMAN_FUNCTION))) {
                JsonNode attribution = alert.get("attribution");
                assertNotNull(attribution, alert.toString());
                assertTrue(attribution.get("note").asText().endsWith("; " + expected), attribution.toString());
            }
        }
    }

    /** The compiled sample app in a child JVM under the real agent, driven over its standard input. */
    static final class AppProcess implements AutoCloseable {
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<String> lines =
                new LinkedBlockingQueue<>();
        private final List<String> transcript = new ArrayList<>();

        private AppProcess(Process process) {
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(
                        process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("error reading the app's output: " + e);
                }
            }, "it-orders-app-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** @param revision the deployed commit, given as both service.version and vcs.revision */
        static AppProcess start(int otlpPort, Path classes, Path home, String revision) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String agent = "-javaagent:" + AgentJar.path().toAbsolutePath() + "=service.name=" + SERVICE
                    + ",service.version=" + revision + ",vcs.revision=" + revision + ",app.packages=com.example"
                    + ",endpoint=http://127.0.0.1:" + otlpPort + ",export.interval=1s";
            String classPath = classes + File.pathSeparator + h2Jar();
            Process process = new ProcessBuilder(java, "-Xshare:off", agent, "-cp", classPath,
                    "com.example.orders.OrderApp", home.toString()).redirectErrorStream(true).start();
            AppProcess app = new AppProcess(process);
            try {
                app.await("ready");
            } catch (Exception | AssertionError e) {
                process.destroyForcibly();
                throw e;
            }
            return app;
        }

        void send(String command) throws Exception {
            stdin.write(command + "\n");
            stdin.flush();
            await("ok " + command);
        }

        private void await(String expected) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                long left = deadline - System.currentTimeMillis();
                String line = left <= 0 ? null
                        : lines.poll(left, TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw new AssertionError("the app did not answer '" + expected + "'; its output:\n"
                            + String.join("\n", transcript));
                }
                transcript.add(line);
                if (line.equals(expected)) {
                    return;
                }
                if (line.startsWith("error ")) {
                    throw new AssertionError("the app failed: " + line + "\n" + String.join("\n", transcript));
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
