package dev.sinkwatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * The sample shop app's git history, made for the demo: a real repository (JGit) whose HEAD holds exactly the
 * sources the sample app was compiled from (copied into the collector jar under {@value #RESOURCE_DIR} by the
 * build), so the lines the agent reports are the lines the attribution index describes.
 *
 * <p>The history, oldest first (fixed dates: the same sources always give the same commit ids):
 * <ol>
 *   <li>Alice (human): orders, receipts, carts — {@code OrderRepository} without {@code byCustomer};</li>
 *   <li>Bob (human): price lookups and the loopback proxy;</li>
 *   <li>Alice with Claude Code: {@code OrderRepository.byCustomer} ({@code Generated-by: Claude Code
 *       (claude-sonnet-4-5)}, {@code Co-Authored-By: Claude <noreply@anthropic.com>});</li>
 *   <li>Cursor's agent ({@code cursoragent@cursor.com}), committed by Dana: {@code ReportExporter};</li>
 *   <li>Alice (human): the {@code ShopApp} driver.</li>
 * </ol>
 */
public final class DemoRepository {

    /** Where the build copies {@code src/main/java/com/example/shop/*.java} inside the jar. */
    public static final String RESOURCE_DIR = "demo-source/com/example/shop/";
    /** Where they sit in the demo repository. */
    public static final String SOURCE_DIR = "src/main/java/com/example/shop/";

    /** Every source file of the sample app. */
    public static final List<String> FILES = List.of("package-info.java", "OrderRepository.java",
            "ReceiptStore.java", "CartCodec.java", "PriceClient.java", "LoopbackProxy.java", "ReportExporter.java",
            "ShopApp.java");

    static final PersonIdent ALICE = person("Alice Martin", "alice@shop.example", "2025-09-01T09:12:00Z");
    static final PersonIdent BOB = person("Bob Chen", "bob@shop.example", "2025-09-03T14:40:00Z");
    static final PersonIdent ALICE_WITH_CLAUDE = person("Alice Martin", "alice@shop.example", "2025-09-10T11:05:00Z");
    static final PersonIdent CURSOR = person("Cursor Agent", "cursoragent@cursor.com", "2025-09-15T16:20:00Z");
    static final PersonIdent DANA = person("Dana Kowalski", "dana@shop.example", "2025-09-15T16:31:00Z");
    static final PersonIdent ALICE_LATER = person("Alice Martin", "alice@shop.example", "2025-09-18T10:00:00Z");

    /** One commit of the history, as the demo prints it. */
    public record Commit(String id, String author, String summary, String how) {
        public String shortId() {
            return id.substring(0, 8);
        }
    }

    /** The repository: its directory, HEAD, and its commits oldest first. */
    public record Built(Path dir, String head, List<Commit> history) {
    }

    private DemoRepository() {
    }

    /** The sample app's source file {@code name} as compiled into this jar. */
    public static String source(String name) throws IOException {
        try (InputStream in = DemoRepository.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("the sample app's source " + RESOURCE_DIR + name + " is not in the jar "
                        + "(the collector build copies src/main/java/com/example/shop/*.java there)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code source} without the method whose declaration line starts with {@code declaration} (its Javadoc-less
     * body up to the closing brace at the same indentation, and the blank line after it).
     */
    static String without(String source, String declaration) {
        List<String> lines = new ArrayList<>(Arrays.asList(source.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(declaration)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalStateException("'" + declaration.trim() + "' not found in the sample source");
        }
        String indent = declaration.substring(0, declaration.length() - declaration.stripLeading().length());
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).equals(indent + "}")) {
            end++;
        }
        if (end >= lines.size()) {
            throw new IllegalStateException("no closing brace for '" + declaration.trim() + "'");
        }
        if (end + 1 < lines.size() && lines.get(end + 1).isBlank()) {
            end++;
        }
        lines.subList(start, end + 1).clear();
        return String.join("\n", lines);
    }

    /** Creates the repository in {@code dir} (which must not exist or be empty). */
    public static Built create(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(SOURCE_DIR));
        List<Commit> history = new ArrayList<>();
        String orders = source("OrderRepository.java");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            // The user's global hooks (core.hooksPath) have no business in the demo's repository.
            StoredConfig config = git.getRepository().getConfig();
            config.setString("core", null, "hooksPath", dir.resolve(".git/hooks").toString());
            config.save();

            Files.writeString(dir.resolve("README.md"), "# shop\n\nThe sinkwatch demo's sample application.\n");
            write(dir, Map.of("package-info.java", source("package-info.java"),
                    "OrderRepository.java", without(orders, "    int byCustomer("),
                    "ReceiptStore.java", source("ReceiptStore.java"),
                    "CartCodec.java", source("CartCodec.java")));
            history.add(commit(git, ALICE, ALICE, "Shop: orders, receipts and carts", "human"));

            write(dir, Map.of("PriceClient.java", source("PriceClient.java"),
                    "LoopbackProxy.java", source("LoopbackProxy.java")));
            history.add(commit(git, BOB, BOB, "Prices: look them up over HTTP through the forward proxy", "human"));

            write(dir, Map.of("OrderRepository.java", orders));
            history.add(commit(git, ALICE_WITH_CLAUDE, ALICE_WITH_CLAUDE, """
                    Orders: count a customer's orders

                    Generated-by: Claude Code (claude-sonnet-4-5)

                    Co-Authored-By: Claude <noreply@anthropic.com>
                    """, "AI: Claude Code trailers"));

            write(dir, Map.of("ReportExporter.java", source("ReportExporter.java")));
            history.add(commit(git, CURSOR, DANA, """
                    Reports: export through a shell command

                    Co-authored-by: Dana Kowalski <dana@shop.example>
                    """, "AI: Cursor's agent is the author"));

            write(dir, Map.of("ShopApp.java", source("ShopApp.java")));
            history.add(commit(git, ALICE_LATER, ALICE_LATER, "Shop driver: one command a line on standard input",
                    "human"));
        } catch (GitAPIException e) {
            throw new IOException("cannot create the demo repository in " + dir + ": " + e.getMessage(), e);
        }
        for (String name : FILES) {
            if (!Files.readString(dir.resolve(SOURCE_DIR + name)).equals(source(name))) {
                throw new IllegalStateException(name + " at HEAD differs from the sources the app was built from");
            }
        }
        return new Built(dir, history.get(history.size() - 1).id(), List.copyOf(history));
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(SOURCE_DIR + file.getKey()), file.getValue());
        }
    }

    private static Commit commit(Git git, PersonIdent author, PersonIdent committer, String message, String how)
            throws GitAPIException {
        git.add().addFilepattern(".").call();
        String id = git.commit().setAuthor(author).setCommitter(committer).setMessage(message).setSign(false)
                .setNoVerify(true).call().name();
        return new Commit(id, author.getName(), message.lines().findFirst().orElse(""), how);
    }

    private static PersonIdent person(String name, String email, String when) {
        return new PersonIdent(name, email, Instant.parse(when), ZoneOffset.UTC);
    }
}
