package dev.sinkwatch.agent.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestInputs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryLanguagesTest {

    private static RequestInputs query(String name, String value) {
        RequestInputs in = new RequestInputs();
        in.add("query", "page", "12");
        in.add("query", name, value);
        return in;
    }

    private static Verdict ldap(String filter, String value) {
        return InputCorrelator.judge(Ops.LDAP_SEARCH, filter, filter, query("user", value));
    }

    private static Verdict xpath(String expression, String value) {
        return InputCorrelator.judge(Ops.XPATH_EVALUATE, expression, expression, query("name", value));
    }

    @Test
    void ldapInputThatChangesTheFilterStructure() {
        Verdict v = ldap("(&(uid=*)(uid=*))(|(uid=*)(objectClass=person))", "*)(uid=*))(|(uid=*");
        assertEquals("ldap.injection", v.rule());
        assertEquals("query.user", v.input());
        assertEquals(7, v.spanStart());
        assertEquals(7 + "*)(uid=*))(|(uid=*".length(), v.spanEnd());
        assertEquals("ldap.injection", ldap("(&(uid=bob)(|(cn=*)(objectClass=person))", "bob)(|(cn=*").rule());
        assertEquals("ldap.injection", ldap("(uid=*)", "uid=*").rule(), "the attribute and its value");
        assertEquals("ldap.injection", ldap("(&(uid=a)(!(x=1)))", "a)(!(x=1)").rule());
    }

    @Test
    void ldapValuesUsedSafelyAreNot() {
        assertNull(ldap("(&(uid=alice)(objectClass=person))", "alice"), "a plain value");
        assertNull(ldap("(cn=Smith & Sons)", "Smith & Sons"), "& inside a value is data");
        assertNull(ldap("(cn=*)", "*"), "a wildcard stays one value");
        assertNull(ldap("(cn=Jo*)", "Jo*"), "a substring match");
        assertNull(ldap("(&(uid={0})(objectClass=person))", "*)(uid=*"), "a filter argument never appears");
        assertNull(ldap("(&(uid=\\2a\\29\\28uid=\\2a)(objectClass=person))", "*)(uid=*"), "escaped by the app");
        assertNull(ldap("(uid=alice)", "uid"), "the attribute name alone is one token");
    }

    @Test
    void xpathInputThatLeavesItsLiteral() {
        Verdict v = xpath("//user[name/text()='' or '1'='1']/role/text()", "' or '1'='1");
        assertEquals("xpath.injection", v.rule());
        assertEquals("query.name", v.input());
        assertEquals(20, v.spanStart());
        assertEquals("xpath.injection", xpath("//user[id=1 or 1=1]", "1 or 1=1").rule(), "unquoted");
        assertEquals("xpath.injection", xpath("//user[name='x'] | //secret", "x'] | //secret").rule(), "union");
    }

    @Test
    void xpathValuesUsedSafelyAreNot() {
        assertNull(xpath("//user[name/text()='bob']/role/text()", "bob"));
        assertNull(xpath("//user[name/text()='New York']", "New York"), "spaces inside a literal");
        assertNull(xpath("//user[name/text()=\"O'Brien\"]", "O'Brien"), "the other quote inside a literal");
        assertNull(xpath("//user[id=42]", "42"), "one number");
        assertNull(xpath("//users/alice/role", "alice"), "one name");
    }

    @Test
    void environmentValuesHoldingShellSyntax() {
        Map<String, String> env = Map.of("GREETING", "hi; id", "SINKWATCH_TEST_UNSET_X", "plain");
        Verdict v = EnvironmentInputs.judge(env, query("msg", "hi; id"));
        assertEquals("shell.injection", v.rule());
        assertEquals("query.msg", v.input());
        assertEquals("GREETING=".length(), v.spanStart());
        assertNull(EnvironmentInputs.judge(Map.of("GREETING", "New York"), query("msg", "New York")),
                "a plain word is data");
        assertNull(EnvironmentInputs.judge(Map.of("GREETING", "hi; id"), query("msg", "other; thing")),
                "an input that is not there");
        assertNull(EnvironmentInputs.judge(null, query("msg", "hi; id")), "the inherited environment");
        String path = System.getenv("PATH");
        if (path != null) {
            assertNull(EnvironmentInputs.judge(Map.of("PATH", path), query("msg", path)),
                    "a variable copied unchanged is not the application's");
        }
    }
}
