package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Personal and secret parts of paths, URLs, commands, JDBC URLs and thread names fold; the shape stays. */
class PersonalDataTest {
    private static final String GITHUB_TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2z4A";
    private static final String RANDOM = "Zq8Lm3Rt7Vw2Xy6Kp1Nb5Hc9";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /home/alice/.ssh/id_rsa                         | /home/?/.ssh/id_rsa
            /Users/Jane.Doe/Library/x.plist                 | /Users/?/Library/x.plist
            /home/alice                                     | /home/?
            /var/home/bob/x                                 | /var/home/?/x
            /data/users/jane@example.com/report.pdf         | /data/users/?/report.pdf
            /data/inbox/jane@example.com/report.pdf         | /data/inbox/?@?/report.pdf
            /data/inbox/jane.doe+tag@mail.example.org.eml   | /data/inbox/?@?
            /etc/homework/notes                             | /etc/homework/notes
            /x/home//home/alice/                            | /x/home/?/?
            /home/alice/../bob/.ssh                         | /home/?/.ssh
            /srv/app/config-2024-v2.yaml                    | /srv/app/config-*-v*.yaml
            """)
    void pathsFoldPersonalSegments(String path, String expected) {
        assertEquals(expected, PathFolder.fold(path));
    }

    @Test
    void tokensInPathsFoldKeepingAKnownPrefix() {
        assertEquals("/run/tokens/ghp_?", PathFolder.fold("/run/tokens/" + GITHUB_TOKEN));
        assertEquals("/run/keys/?.key", PathFolder.fold("/run/keys/" + RANDOM + ".key"));
        assertEquals("/opt/getUserById/x", PathFolder.fold("/opt/getUserById/x"));
    }

    @Test
    void windowsHomeDirectoryInsideOneSegment() {
        assertFalse(PathFolder.fold("C:\\Users\\alice\\Documents\\x.txt").contains("alice"));
        assertEquals("C:\\Users\\?\\bin\\tool.exe", PersonalData.fold("C:\\Users\\alice\\bin\\tool.exe"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1/sendMessage | https://api.telegram.org/bot123456:?/sendMessage
            https://hooks.slack.com/services/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 | https://hooks.slack.com/services/T0A1B2C3D/B0X1Y2Z3W/?
            https://discord.com/api/webhooks/112233/aBcD3fGh1jKlM4nOpQ5rStU6vWxY7z-_Ab | https://discord.com/api/webhooks/112233/?
            https://example.com/users/jane@example.com/avatar | https://example.com/users/?@?/avatar
            https://example.com/docs/getting-started | https://example.com/docs/getting-started
            """)
    void urlPathsFoldSecretsAndAddresses(String url, String expected) {
        assertEquals(expected, UrlSanitizer.sanitize(url));
    }

    @Test
    void commandsFoldGluedSecretsAndHomeDirectories() {
        assertEquals("mysql -uroot -p<arg> <arg>", CommandShape.of(List.of("mysql", "-uroot", "-phunter2", "db")));
        assertEquals("sshpass -p<arg> <arg> <arg>", CommandShape.of(List.of("sshpass", "-pS3cr3t!", "ssh", "host")));
        assertEquals("/home/?/bin/backup.sh --token <arg>",
                CommandShape.of(List.of("/home/alice/bin/backup.sh", "--token", "hunter2")));
        assertEquals("tool --password=<arg>", CommandShape.of(List.of("tool", "--password=hunter2")));
        assertEquals("ls -la <path>", CommandShape.of(List.of("ls", "-la", "/tmp")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "jdbc:postgresql://bob:xq/zv@db.example:5432/orders",
        "jdbc:postgresql://bob:xq?zv@db.example:5432/orders",
        "jdbc:mysql://bob:xq@zv/w?kj@db.example/orders?useSSL=true",
        "jdbc:mariadb://bob:xq;zv@db.example/orders",
    })
    void jdbcPasswordsWithSeparatorsNeverLeak(String url) {
        JdbcUrl parsed = JdbcUrl.parse(url);
        for (String part : new String[] {"bob", "xq", "zv", "kj"}) {
            assertFalse(parsed.target().contains(part), () -> url + " -> " + parsed.target());
        }
        if (parsed.host() != null) {
            assertEquals("db.example", parsed.host());
        }
    }

    @Test
    void unreadableAuthorityGivesNoHost() {
        JdbcUrl parsed = JdbcUrl.parse("jdbc:postgresql://bob:pa?x=y@db.example/orders");
        assertNull(parsed.host());
        assertFalse(parsed.target().contains("bob"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            pool-3-thread-12              | pool-?-thread-?
            http-nio-8080-exec-7          | http-nio-?-exec-?
            order-worker                  | order-worker
            mail-to:jane@example.com      | mail-to:?@?
            """)
    void threadNamesFoldDigitsAndPersonalData(String name, String expected) {
        assertEquals(expected, PersonalData.foldThreadName(name));
    }

    /** A fuzz finding: an empty segment after home/ made the folder loop without advancing (unbounded output). */
    @org.junit.jupiter.api.Test
    void anEmptySegmentAfterHomeEnds() {
        org.junit.jupiter.api.Assertions.assertEquals("/home/\\x", PersonalData.fold("/home/\\x"));
        org.junit.jupiter.api.Assertions.assertEquals("home//", PersonalData.fold("home//"));
    }
}
