package dev.sinkwatch.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.Collector;
import dev.sinkwatch.collector.attribution.AttributionCommand;
import dev.sinkwatch.collector.config.CollectorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo ({@code ./run demo}, {@code java -jar demo/target/sinkwatch-demo.jar}): the sample app's git history in a real repository ({@link DemoRepository}), its AI
 * attribution index built by the {@code attribution} command and uploaded to an in-process collector on embedded
 * storage, the sample app under the real agent (reporting the repository's HEAD as its revision), a learning phase
 * of benign traffic, then five attacks; each alert is printed as the API returns it, with the attribution it
 * carries, and finally the service's AI-written regions with the sinks seen from each.
 *
 * <p>{@link DemoCommand} is its command line.
 */
public final class Demo {

    /** The attacks, in order: the sample app's command, the detector expected to fire, the call site expected. */
    public record Attack(String command, String detector, String callSite, String what) {
    }

    public static final List<Attack> ATTACKS = List.of(
            new Attack("attack sql", "sql.injection", "com.example.shop.OrderRepository.byCustomer",
                    "SQL injection: a tautology appended to a query built by concatenation"),
            new Attack("attack traversal", "file.traversal", "com.example.shop.ReceiptStore.read",
                    "path traversal: ../secret/canary.txt read through the receipts directory"),
            new Attack("attack ssrf", "net.ssrf", "com.example.shop.PriceClient.fetch",
                    "SSRF: http://169.254.169.254/latest/meta-data/... requested (through a loopback proxy)"),
            new Attack("attack exec", "process.suspicious", "com.example.shop.ReportExporter.export",
                    "shell exec: sh -c true"),
            new Attack("attack gadget", "deserialization.gadget", "com.example.shop.CartCodec.restore",
                    "gadget deserialization: javax.management.BadAttributeValueExpException"));

    /** Collector settings for the demo: short learning so it finishes in seconds. */
    public static final Map<String, String> DEMO_SETTINGS = Map.of("detect.quiet-period", "3s");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Demo() {
    }

    /** Runs the demo in {@code work}; returns 0 when every attack alerted with an attribution and learning raised none. */
    static int demo(Path agent, Path work, int learnSeconds, PrintStream out) throws Exception {
        DemoRepository.Built repo = DemoRepository.create(work.resolve("repo"));
        out.println("== the sample app's history: a git repository in " + repo.dir());
        for (DemoRepository.Commit commit : repo.history()) {
            out.printf("   %s  %-13s %-58s %s%n", commit.shortId(), commit.author(), commit.summary(), commit.how());
        }
        Path index = work.resolve("demo-shop.attribution.json");
        ByteArrayOutputStream indexErr = new ByteArrayOutputStream();
        int indexed = AttributionCommand.run(new String[] {"--repo", repo.dir().toString(), "--out",
                index.toString(), "--service", ShopProcess.SERVICE, "--quiet"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(indexErr, true, StandardCharsets.UTF_8));
        if (indexed != 0) {
            throw new IOException("the attribution command exited " + indexed + ": "
                    + indexErr.toString(StandardCharsets.UTF_8).trim());
        }
        out.println("   attribution index: attribution --repo " + repo.dir() + " --service " + ShopProcess.SERVICE
                + " --out " + index);
        out.println();

        Map<String, String> settings = new LinkedHashMap<>(DEMO_SETTINGS);
        settings.put("server.otlp-port", "0");
        settings.put("server.api-port", "0");
        settings.put("storage.data-dir", work.resolve("collector").toString());
        CollectorConfig config = CollectorConfig.defaults().with(settings);
        try (Collector collector = Collector.start(config)) {
            String api = "http://127.0.0.1:" + collector.apiPort();
            out.println("collector: OTLP on 127.0.0.1:" + collector.otlpPort() + ", API on " + api);
            JsonNode upload = post(api + "/api/attribution", Files.readString(index));
            out.println("POST /api/attribution: index of " + upload.path("service").asText() + " at "
                    + shortCommit(upload.path("commit").asText()) + ", " + upload.path("files").asInt() + " files, "
                    + upload.path("aiRegions").asInt() + " AI-written regions");
            try (ShopProcess shop = ShopProcess.start(agent, collector.otlpPort(), work.resolve("shop"), "",
                    System.getProperty("java.class.path"), repo.head(), repo.head())) {
                out.println("sample app: pid " + shop.pid() + ", service " + ShopProcess.SERVICE + ", version "
                        + shortCommit(repo.head()) + " (the repository's HEAD), agent " + agent);
                out.println();
                out.println("== learning: benign traffic for " + learnSeconds + " s");
                long until = System.nanoTime() + learnSeconds * 1_000_000_000L;
                int rounds = 0;
                while (System.nanoTime() < until) {
                    shop.send("benign 5", 30);
                    rounds += 5;
                    Thread.sleep(250);
                }
                collector.awaitIdle(5000);
                Thread.sleep(1500); // the agent's last deltas
                List<JsonNode> learned = alerts(api);
                out.println("   " + rounds + " rounds of orders, receipts, price lookups and cart restores; "
                        + learned.size() + " alert(s)");
                learned.forEach(alert -> print(out, alert));
                Set<String> seen = new HashSet<>();
                learned.forEach(alert -> seen.add(alert.get("id").asText()));
                out.println();
                int raised = 0;
                int attributed = 0;
                for (Attack attack : ATTACKS) {
                    out.println("== " + attack.what());
                    shop.send(attack.command(), 30);
                    JsonNode alert = awaitAlert(api, seen, attack.detector(), 10_000);
                    if (alert == null) {
                        out.println("   no " + attack.detector() + " alert within 10 s");
                        continue;
                    }
                    raised++;
                    if (alert.hasNonNull("attribution")) {
                        attributed++;
                    }
                    print(out, alert);
                }
                out.println();
                printRegions(out, api);
                out.println();
                out.println("== " + raised + " of " + ATTACKS.size() + " attacks raised their alert, " + attributed
                        + " with an attribution; see them with: curl -s " + api + "/api/alerts");
                return raised == ATTACKS.size() && attributed == raised && learned.isEmpty() ? 0 : 1;
            }
        }
    }

    /** Polls the API until an alert of {@code detector} not in {@code seen} appears; null on timeout. */
    static JsonNode awaitAlert(String api, Set<String> seen, String detector, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode alert : alerts(api)) {
                if (seen.add(alert.get("id").asText()) && detector.equals(alert.get("detector").asText())) {
                    return alert;
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static List<JsonNode> alerts(String api) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api + "/api/alerts?limit=1000")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/alerts answered " + response.statusCode() + ": " + response.body());
        }
        return Stream.of(JSON.readTree(response.body()).get("alerts")).flatMap(a -> {
            List<JsonNode> list = new java.util.ArrayList<>();
            a.forEach(list::add);
            return list.stream();
        }).toList();
    }

    static void print(PrintStream out, JsonNode alert) {
        JsonNode callSite = alert.path("callSite");
        out.printf("   ALERT %-8s %-24s %s%n", alert.path("severity").asText().toUpperCase(Locale.ROOT),
                alert.path("detector").asText(), alert.path("summary").asText());
        out.printf("         at %s(%s:%d)%n", callSite.path("function").asText(), callSite.path("file").asText(),
                callSite.path("line").asInt());
        alert.path("evidence").fields().forEachRemaining(e -> out.printf("         %s: %s%n", e.getKey(),
                e.getValue().asText()));
        out.printf("         %s%n", attribution(alert.path("attribution")));
        JsonNode note = alert.path("attribution").path("note");
        if (!alert.path("attribution").path("attributionClass").asText().equals("unknown") && note.isTextual()) {
            out.printf("           (%s)%n", note.asText());
        }
        out.printf("         %s%n", alert.path("links").path("alert").asText());
    }

    /**
     * The alert's {@code attribution} object in one line: {@code written by AI: Claude Code (claude-sonnet-4-5) in
     * 3f2a9c1e, OrderRepository.java:46-56}, {@code written by a human: Alice Martin in 1b2c3d4e, ...}, or
     * {@code attribution unknown: <why>}.
     */
    static String attribution(JsonNode attribution) {
        if (attribution.isMissingNode() || attribution.isNull()) {
            return "attribution: none (no attribution index covers this service)";
        }
        String where = "";
        if (attribution.hasNonNull("commit")) {
            where += " in " + shortCommit(attribution.get("commit").asText());
        }
        if (attribution.hasNonNull("file")) {
            String file = attribution.get("file").asText();
            where += ", " + file.substring(file.lastIndexOf('/') + 1);
            int start = attribution.path("startLine").asInt();
            int end = attribution.path("endLine").asInt();
            if (start > 0) {
                where += ":" + start + (end > start ? "-" + end : "");
            }
        }
        return switch (attribution.path("attributionClass").asText("unknown")) {
            case "ai" -> "written by AI: " + attribution.path("tool").asText("an unnamed tool")
                    + (attribution.hasNonNull("model") ? " (" + attribution.get("model").asText() + ")" : "") + where;
            case "human" -> "written by a human" + author(attribution.path("note").asText()) + where;
            default -> "attribution unknown: " + attribution.path("note").asText("no reason given");
        };
    }

    /** {@code ": Alice Martin"} from a note holding {@code "author Alice Martin <alice@...>"}, else empty. */
    private static String author(String note) {
        int at = note.indexOf("author ");
        if (at < 0) {
            return "";
        }
        String rest = note.substring(at + "author ".length());
        int end = rest.indexOf(" <");
        if (end < 0) {
            end = rest.indexOf(';') < 0 ? rest.length() : rest.indexOf(';');
        }
        return ": " + rest.substring(0, end).trim();
    }

    private static String shortCommit(String commit) {
        return commit.length() > 8 ? commit.substring(0, 8) : commit;
    }

    /** {@code GET /api/attribution/regions}: each AI-written region with the sinks seen from call sites in it. */
    static void printRegions(PrintStream out, String api) throws IOException, InterruptedException {
        JsonNode regions = get(api + "/api/attribution/regions?service=" + ShopProcess.SERVICE);
        out.println("== AI-written code in " + ShopProcess.SERVICE + " and what it was seen doing "
                + "(GET /api/attribution/regions?service=" + ShopProcess.SERVICE + "): "
                + regions.path("count").asInt() + " region(s)");
        for (JsonNode region : regions.path("regions")) {
            String file = region.path("file").asText();
            out.printf("   %s:%d-%d  %s%s in %s (%s, confidence %.2f)%n", file.substring(file.lastIndexOf('/') + 1),
                    region.path("startLine").asInt(), region.path("endLine").asInt(),
                    region.path("tool").asText("an unnamed tool"),
                    region.hasNonNull("model") ? " (" + region.get("model").asText() + ")" : "",
                    shortCommit(region.path("commit").asText()), region.path("source").asText(),
                    region.path("confidence").asDouble());
            if (region.path("sinks").isEmpty()) {
                out.println("      no sink calls seen from it");
            }
            for (JsonNode sink : region.path("sinks")) {
                out.printf("      %-8s %s, profile %s, %d observation(s)%n", sink.path("kind").asText(),
                        sink.path("callSiteId").asText(), sink.path("state").asText(),
                        sink.path("observations").asLong());
                sink.path("targets").fields().forEachRemaining(op -> op.getValue().forEach(target ->
                        out.printf("         %s %s%n", op.getKey(), target.asText())));
            }
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
