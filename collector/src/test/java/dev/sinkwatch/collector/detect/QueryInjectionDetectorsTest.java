package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.profile.ProfileState;
import dev.sinkwatch.contract.SinkKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code ldap.injection} and {@code xpath.injection}: structure added to a call site's known shapes. */
class QueryInjectionDetectorsTest {

    private final LdapInjectionDetector ldap = new LdapInjectionDetector();
    private final XPathInjectionDetector xpath = new XPathInjectionDetector();

    private static Finding judge(AddedStructureRule rule, SinkKind kind, String operation, String observed,
                                 String... known) {
        return rule.evaluate(Obs.of(kind, operation, observed).build(),
                DetectionContext.newTargetAt(ProfileState.STABLE, List.of(known), 1));
    }

    @ParameterizedTest(name = "{1} after {0}")
    @CsvSource(delimiterString = "::", value = {
            "(&(uid=?)(objectClass=?)) :: (&(uid=*)(uid=*))(|(uid=*)(objectClass=?)) :: OR, presence, extra filter",
            "(&(uid=?)(objectClass=?)) :: (&(uid=?)(|(cn=*)(objectClass=?)) :: OR, presence, extra filter",
            "(&(uid=?)(userPassword=?)) :: (&(uid=?)(!(userPassword=?))) :: NOT",
            "(|(cn=?)(mail=?)) :: (|(cn=?)(mail=?))(uid=*) :: presence, extra filter"})
    @DisplayName("LDAP: OR, NOT, presence or another filter added to a known shape is critical")
    void ldapAdded(String known, String observed, String added) {
        Finding f = judge(ldap, SinkKind.LDAP, "search", observed, known);
        assertNotNull(f, observed);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("ldap.injection", f.detector());
        assertEquals(added, f.evidence().get("signals"));
        assertEquals(known, f.evidence().get("baseline"));
    }

    @Test
    @DisplayName("LDAP: another value, fewer conditions, a shape the call site already had, no known shape: nothing")
    void ldapQuiet() {
        assertNull(judge(ldap, SinkKind.LDAP, "search", "(&(uid=?)(objectClass=?))", "(uid=?)"),
                "a condition added, no operator");
        assertNull(judge(ldap, SinkKind.LDAP, "search", "(uid=?)", "(&(uid=?)(objectClass=?))"), "fewer");
        assertNull(judge(ldap, SinkKind.LDAP, "search", "(|(cn=?*)(mail=?))", "(|(cn=?)(mail=*))"),
                "the OR and a wildcard were known");
        assertNull(judge(ldap, SinkKind.LDAP, "search", "(&(uid=*)(uid=*))(|(uid=*)(objectClass=?))"),
                "no known shape yet: novelty's business");
        assertNull(judge(ldap, SinkKind.JNDI, "lookup", "(|(a=*))", "(a=?)"), "another kind");
    }

    @ParameterizedTest(name = "{1} after {0}")
    @CsvSource(delimiterString = "::", value = {
            "//user[name/text()=?]/role/text() :: //user[name/text()=? or ?=?]/role/text() :: or, tautology",
            "//user[name/text()=?]/role/text() :: //user[name/text()=? or name/text()!=?]/role/text() :: or",
            "//user[name=?] :: //user[name=?] | //secret :: union",
            "//user[@id=? or @alias=?] :: //user[@id=? or ?=? or @alias=?] :: or, tautology"})
    @DisplayName("XPath: or, a tautology or a union added to a known shape is critical")
    void xpathAdded(String known, String observed, String added) {
        Finding f = judge(xpath, SinkKind.XPATH, "evaluate", observed, known);
        assertNotNull(f, observed);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("xpath.injection", f.detector());
        assertEquals(added, f.evidence().get("signals"));
    }

    @Test
    @DisplayName("XPath: names with 'or' inside, known structure, no known shape: nothing")
    void xpathQuiet() {
        assertNull(judge(xpath, SinkKind.XPATH, "evaluate", "//order[color=?]/vendor", "//order[id=?]"),
                "order, color, vendor are names");
        assertNull(judge(xpath, SinkKind.XPATH, "evaluate", "//a[b=? or c=?]", "//a[c=? or b=?]"), "known or");
        assertNull(judge(xpath, SinkKind.XPATH, "evaluate", "//a[b=? or ?=?]"), "no known shape");
    }

    @Test
    @DisplayName("SQL: a prepare that failed is judged like the statement it would have been")
    void failedPrepareIsSql() {
        Finding f = new SqlInjectionDetector().evaluate(Obs.of(SinkKind.JDBC, "prepare",
                "SELECT id) UNION SELECT ? --? FROM users WHERE id = ?").build(), DetectionContext.newTargetAt(
                ProfileState.STABLE, List.of("SELECT name FROM users WHERE id = ?"), 1));
        assertNotNull(f);
        assertEquals(Severity.CRITICAL, f.severity());
    }
}
