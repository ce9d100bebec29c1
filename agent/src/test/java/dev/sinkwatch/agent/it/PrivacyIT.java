package dev.sinkwatch.agent.it;

import com.example.sinkapp.PrivacyApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9's privacy cases on real drivers (H2, PostgreSQL, MariaDB) with the real agent: a random marker placed in
 * SQL literals and comments, paths, commands, a JDBC URL password and the thread name never appears in what the
 * agent exports, while the calls themselves are recorded.
 */
class PrivacyIT {

    static Stream<Arguments> databases() {
        Jdk jdk = Jdk.all().get(0);
        return Stream.of(
                Arguments.of(jdk, "jdbc:h2:mem:privacy;DB_CLOSE_DELAY=-1", "sa", "pw"),
                Arguments.of(jdk, "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "pw"),
                Arguments.of(jdk, "jdbc:mariadb://127.0.0.1:3306/test", "root", ""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("databases")
    void theMarkerNeverLeavesTheJvm(Jdk jdk, String url, String user, String password) throws Exception {
        String marker = marker();
        AppRun.Result run = AppRun.of(jdk, PrivacyApp.class)
                .withAgent("exporter=console,app.packages=com.example")
                .args(url, user, password, marker)
                .run().assertSucceeded();

        assertFalse(run.console().contains(marker), () -> "the marker " + marker + " left the JVM:\n"
                + run.console().lines().filter(l -> l.contains(marker)).collect(Collectors.joining("\n")));
        int statements = PrivacyApp.statementsFor(url);
        List<JsonNode> jdbc = run.newKeys().stream().filter(k -> k.path("kind").asText().equals("jdbc"))
                .collect(Collectors.toList());
        assertTrue(jdbc.size() >= statements, () -> "expected at least " + statements + " jdbc keys:\n"
                + run.describeKeys());
        assertTrue(run.newKeys().stream().anyMatch(k -> k.path("target").asText().startsWith("/home/?/")),
                () -> "the home directory read is recorded, folded:\n" + run.describeKeys());
        assertTrue(run.newKeys().stream().anyMatch(k -> k.path("target").asText().equals("true -p<arg>")),
                () -> "the command is recorded, folded:\n" + run.describeKeys());
    }

    /** Lower-case letters only, so no normaliser folds it for looking random: only its position hides it. */
    private static String marker() {
        SecureRandom random = new SecureRandom();
        StringBuilder m = new StringBuilder("zq");
        for (int i = 0; i < 12; i++) {
            m.append((char) ('a' + random.nextInt(26)));
        }
        return m.toString();
    }
}
