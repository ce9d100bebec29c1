package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.profile.ProfileState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlInjectionDetectorTest {

    private static final String KNOWN = "SELECT * FROM users WHERE name = ?";
    private final SqlInjectionDetector rule = new SqlInjectionDetector();

    private Finding judge(String sql, List<String> trusted) {
        return rule.evaluate(Obs.sql(sql).build(), DetectionContext.newTargetAt(ProfileState.STABLE, trusted, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM users WHERE name = ? OR ?=?",
            "SELECT * FROM users WHERE name = ? OR ? = ?",
            "SELECT * FROM users WHERE name = ? or 1=1",
            "SELECT * FROM users WHERE name = ? OR ?=?--?",
            "SELECT * FROM users WHERE name = ? UNION SELECT username, password FROM admins",
            "SELECT * FROM users WHERE name = ? UNION ALL SELECT ?, ?",
            "SELECT * FROM users WHERE name = ?; DROP TABLE users",
            "SELECT * FROM users WHERE name = ?;DELETE FROM users",
            "SELECT * FROM users WHERE name = ?--?",
            "SELECT * FROM users WHERE name = ? /*?*/",
            "SELECT * FROM users WHERE name = ? OR TRUE",
    })
    @DisplayName("injected structure against a known shape is critical")
    void injectedAgainstKnownShapeIsCritical(String sql) {
        Finding f = judge(sql, List.of(KNOWN));
        assertNotNull(f, sql);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("sql.injection", f.detector().wireName());
        assertEquals(KNOWN, f.evidence().get("baseline"));
    }

    @Test
    @DisplayName("a tautology on a call site's first query is a warning")
    void firstQueryWithTautologyIsWarning() {
        Finding f = judge("SELECT * FROM users WHERE name = ? OR ?=?", List.of());
        assertNotNull(f);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.summary().contains("tautology"), f.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM orders WHERE id = ?",
            "SELECT * FROM users WHERE ?=? AND name = ?",               // ORM "WHERE 1=1" prefix, no OR
            "SELECT /*?*/ * FROM users WHERE name = ?",                 // optimizer hint in the middle
            "SELECT * FROM users WHERE (name = ? OR ? IS NULL)",        // optional filter idiom
            "UPDATE users SET name = ? WHERE id = ?;",                  // trailing semicolon only
            "SELECT * FROM users WHERE name = ? OR email = ?",
    })
    @DisplayName("ordinary SQL is not injection")
    void ordinarySqlIsNotInjection(String sql) {
        assertNull(judge(sql, List.of(KNOWN)), sql);
        assertNull(judge(sql, List.of()), sql);
    }

    @Test
    @DisplayName("a structure the call site already uses is not 'added'")
    void knownUnionIsNotAdded() {
        String legit = "SELECT id FROM a WHERE x = ? UNION SELECT id FROM b WHERE x = ?";
        assertNull(judge("SELECT id FROM a WHERE y = ? UNION SELECT id FROM b WHERE y = ?", List.of(legit)));
        Finding f = judge("SELECT id FROM a WHERE x = ? OR ?=? UNION SELECT id FROM b WHERE x = ?", List.of(legit));
        assertNotNull(f);
        assertEquals("tautology", f.evidence().get("signals"));
    }

    @Test
    @DisplayName("a trusted (learned or approved) target is never reported")
    void trustedTargetIsQuiet() {
        DetectionContext ctx = new DetectionContext(ProfileState.STABLE, false, false, false, true,
                () -> List.of(KNOWN), 1);
        assertNull(rule.evaluate(Obs.sql(KNOWN + " OR ?=?").build(), ctx));
    }

    @Test
    @DisplayName("connect targets and other kinds are ignored")
    void connectIgnored() {
        assertNull(rule.evaluate(Obs.of(dev.sinkwatch.contract.SinkKind.JDBC, "connect",
                "postgresql://db:5432/x--?").build(), DetectionContext.firstSighting(1)));
    }
}
