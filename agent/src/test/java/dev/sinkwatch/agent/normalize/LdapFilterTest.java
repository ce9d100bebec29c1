package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LdapFilterTest {

    @Test
    void valuesFoldAttributesAndOperatorsStay() {
        assertEquals("(&(uid=?)(userPassword=?))", LdapFilter.normalise("(&(uid=bob)(userPassword=s3cret))"));
        assertEquals("(|(cn=?*)(mail=*?))", LdapFilter.normalise("(|(cn=Jo*)(mail=*@example.com))"));
        assertEquals("(!(age>=?))", LdapFilter.normalise("(!(age>=21))"));
        assertEquals("(&(cn~=?)(x<=?)(cn:caseExactMatch:=?))",
                LdapFilter.normalise("(&(cn~=jon)(x<=5)(cn:caseExactMatch:=Jon))"));
        assertEquals("(objectClass=*)", LdapFilter.normalise("(objectClass=*)"));
        assertEquals("(&(uid=?)(objectClass=?))", LdapFilter.normalise("(&(uid={0})(objectClass=person))"));
        assertEquals("(cn=?)", LdapFilter.normalise("(cn=Smith & Sons)"));
        assertEquals("uid=?", LdapFilter.normalise("uid=alice"), "a filter without parentheses");
    }

    @Test
    void injectedStructureStaysVisible() {
        assertEquals("(&(uid=*)(uid=*))(|(uid=*)(objectClass=?))",
                LdapFilter.normalise("(&(uid=*)(uid=*))(|(uid=*)(objectClass=person))"));
        assertEquals("(&(uid=?)(|(cn=*)(objectClass=?))",
                LdapFilter.normalise("(&(uid=bob)(|(cn=*)(objectClass=person))"));
    }

    @Test
    void oddAttributesFoldAndLengthIsBounded() {
        assertEquals("(?=?)", LdapFilter.normalise("(alice@example.com=x)"));
        assertEquals("(?)", LdapFilter.normalise("(justtext)"));
        assertEquals("(=?)(=?)", LdapFilter.normalise("(=a)(=b)"), "no attribute: never longer than the filter");
        assertEquals("", LdapFilter.normalise(null));
        String longFilter = "(cn=" + "a".repeat(20_000) + ")";
        String shape = LdapFilter.normalise(longFilter);
        assertTrue(shape.endsWith("…") && shape.length() < 16, shape);
    }
}
