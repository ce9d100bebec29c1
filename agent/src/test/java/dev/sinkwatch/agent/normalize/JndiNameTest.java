package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JndiNameTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ldap://evil.example:1389/Exploit                | ldap://evil.example:1389/<path> | ldap
            LDAP://Evil.Example:1389/a/b?c                  | ldap://evil.example:1389/<path> | ldap
            ldaps://dc.corp/cn=users,dc=corp                | ldaps://dc.corp/<path>          | ldaps
            rmi://10.0.0.5:1099/Object                      | rmi://10.0.0.5:1099/<path>      | rmi
            dns://resolver.example                          | dns://resolver.example          | dns
            ldap://h:389/                                   | ldap://h:389/                   | ldap
            ldap://h?x                                      | ldap://h/<path>                 | ldap
            ldap://user:hunter2@h:389/x                     | ldap://h:389/<path>             | ldap
            ldap://127.0.0.1#evil.example:1389/a            | ldap://127.0.0.1#evil.example:1389/<path> | ldap
            java:comp/env/jdbc/ds                           | java:comp/env/jdbc/ds           | java
            java:comp/env/jdbc/orders2                      | java:comp/env/jdbc/orders*      | java
            jdbc/shard-17                                   | jdbc/shard-*                    | ''
            java:global/app-1.2.3/Bean                      | java:global/app-*.*.*/Bean      | java
            ''                                              | ''                              | ''
            """)
    void normalises(String name, String expected, String scheme) {
        assertEquals(expected, JndiName.normalise(name));
        assertEquals(scheme, JndiName.scheme(name));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", JndiName.normalise(null));
        assertEquals("", JndiName.scheme(null));
    }
}
