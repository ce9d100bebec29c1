package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.collector.demo.Demo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, as a user runs it: {@code java -jar sinkwatch-collector.jar demo --agent ...} (the
 * shaded jar, so the sample app's sources come from the jar's {@code demo-source/}). Every alert carries an
 * attribution line; the SQL injection names Claude Code, its model and the commit the history printed for it; the
 * shell exec names Cursor and its commit; the other three are human; the regions summary lists both AI regions.
 */
class DemoIT {

    static final Pattern HISTORY = Pattern.compile("^ {3}([0-9a-f]{8}) {2}(.+?) {2,}(.+?) {2,}(.+)$");

    @Test
    @DisplayName("./run demo: five alerts, each with its attribution; AI ones name the tool, model and commit")
    void demoPrintsAttribution() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                CollectorProcess.jar().toAbsolutePath().toString(), "demo", "--agent",
                EndToEndIT.agentJar().toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the demo did not finish");
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), output);

        // The history it printed: commit ids by summary.
        String claude = null;
        String cursor = null;
        for (String line : output.lines().toList()) {
            Matcher m = HISTORY.matcher(line);
            if (m.matches() && m.group(3).startsWith("Orders: count a customer's orders")) {
                claude = m.group(1);
            } else if (m.matches() && m.group(3).startsWith("Reports: export through a shell command")) {
                cursor = m.group(1);
            }
        }
        assertTrue(claude != null && cursor != null, "history not printed:\n" + output);

        // Each alert block: the ALERT line, then the attribution line before the alert's link.
        List<String> lines = output.lines().toList();
        List<String> attributions = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("   ALERT ")) {
                continue;
            }
            functions.add(lines.get(i + 1).trim());
            String found = null;
            for (int j = i + 1; j < lines.size() && !lines.get(j).trim().startsWith("http://"); j++) {
                String l = lines.get(j).trim();
                if (l.startsWith("written by AI: ") || l.startsWith("written by a human")
                        || l.startsWith("attribution unknown: ")) {
                    found = l;
                }
            }
            assertTrue(found != null, "alert without an attribution line: " + lines.get(i) + "\n" + output);
            attributions.add(found);
        }
        assertEquals(Demo.ATTACKS.size(), attributions.size(), output);
        for (int i = 0; i < Demo.ATTACKS.size(); i++) {
            assertTrue(functions.get(i).startsWith("at " + Demo.ATTACKS.get(i).callSite() + "("), functions.get(i));
        }
        assertTrue(attributions.get(0).matches("written by AI: Claude Code \\(claude-sonnet-4-5\\) in " + claude
                + ", OrderRepository\\.java:\\d+-\\d+"), attributions.get(0));
        assertTrue(attributions.get(1).startsWith("written by a human: Alice Martin in "), attributions.get(1));
        assertTrue(attributions.get(2).startsWith("written by a human: Bob Chen in "), attributions.get(2));
        assertTrue(attributions.get(3).equals("written by AI: Cursor in " + cursor + ", ReportExporter.java:1-16"),
                attributions.get(3));
        assertTrue(attributions.get(4).startsWith("written by a human: Alice Martin in "), attributions.get(4));

        // The regions summary, with the sinks seen from each.
        int regions = output.indexOf("== AI-written code in demo-shop");
        assertTrue(regions > 0, output);
        String summary = output.substring(regions);
        assertTrue(summary.contains("2 region(s)"), summary);
        assertTrue(summary.matches("(?s).*OrderRepository\\.java:\\d+-\\d+  Claude Code \\(claude-sonnet-4-5\\) in "
                + claude + ".*jdbc +com\\.example\\.shop\\.OrderRepository\\.byCustomer:48.*"
                + "query SELECT id, total FROM orders WHERE customer = \\? OR \\?=\\?.*"), summary);
        assertTrue(summary.matches("(?s).*ReportExporter\\.java:1-16  Cursor in " + cursor
                + ".*process +com\\.example\\.shop\\.ReportExporter\\.export:\\d+.*exec sh -c \"true\".*"), summary);
        assertTrue(output.contains("== 5 of 5 attacks raised their alert, 5 with an attribution"), output);
    }
}
