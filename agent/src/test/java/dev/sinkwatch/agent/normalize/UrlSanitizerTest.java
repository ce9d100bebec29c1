package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlSanitizerTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://user:pw@host                                      | https://host
            https://user:pw@Host.Example.COM:8443/a/B?x=1#frag         | https://host.example.com:8443/a/B?x=?
            HTTP://EXAMPLE.com/Path                                   | http://example.com/Path
            http://example.com/search?a=1&b=x                         | http://example.com/search?a=?&b=?
            http://example.com/?a=1&flag&b=                           | http://example.com/?a=?&flag&b=?
            http://example.com/?a=1=2&&c                              | http://example.com/?a=?&&c
            http://example.com?q=secret                               | http://example.com?q=?
            http://example.com/#/route?token=abc                      | http://example.com/
            http://example.com/page;jsessionid=ABC123?x=1             | http://example.com/page;jsessionid=??x=?
            http://example.com/a;v=1;w=2/b;flag                       | http://example.com/a;v=?;w=?/b;flag
            http://u@p@ss@example.com/                                | http://example.com/
            http://[::1]:8080/x                                       | http://[::1]:8080/x
            http://[2001:DB8::1]/                                     | http://[2001:db8::1]/
            http://169.254.169.254/latest/meta-data/                  | http://169.254.169.254/latest/meta-data/
            file:///etc/passwd                                        | file:///etc/passwd
            ldap://LDAP.example:1389/cn=x?y=1                         | ldap://ldap.example:1389/cn=x?y=?
            mailto:someone?subject=hi                                 | mailto:someone?subject=?
            http://example.com:/x                                     | http://example.com/x
            """)
    void sanitizes(String url, String expected) {
        assertEquals(expected, UrlSanitizer.sanitize(url));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "not a url", "://host", "1http://x", "http://", "http://user@/x", "http://host:80a/",
            "http://[::1/x", "http://[::1]x/", "http://exa mple.com/", "http://example.com/\n", "host:port:x y"})
    void garbageIsInvalid(String url) {
        assertEquals("(invalid url)", UrlSanitizer.sanitize(url));
    }

    @Test
    void nullIsInvalid() {
        assertEquals(UrlSanitizer.INVALID, UrlSanitizer.sanitize(null));
        assertEquals(UrlSanitizer.INVALID, UrlSanitizer.hostPort(null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://Example.com/x                 | example.com:80
            https://example.com                  | example.com:443
            https://user:pw@example.com:8443/x   | example.com:8443
            ldap://dc.corp                       | dc.corp:389
            ldaps://dc.corp/o=x                  | dc.corp:636
            rmi://registry.local/obj             | registry.local:1099
            ws://h/                              | h:80
            wss://h/                             | h:443
            ftp://h/                             | h:21
            iiop://h                             | h:900
            gopher://h/                          | h:-1
            http://[::1]/                        | [::1]:80
            http://10.0.0.1:9200/_search?q=1     | 10.0.0.1:9200
            file:///etc/passwd                   | (invalid url)
            mailto:x@y                           | (invalid url)
            nonsense                             | (invalid url)
            """)
    void hostPort(String url, String expected) {
        assertEquals(expected, UrlSanitizer.hostPort(url));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "https://alice:hunter2@api.example.com/v1/users?token=hunter2&email=bob%40example.com#hunter2",
            "http://api.example.com/x;session=hunter2?a=hunter2",
            "http://hunter2@api.example.com/?bob%40example.com=x&k=hunter2"})
    void noCredentialOrQueryValueSurvives(String url) {
        String sanitized = UrlSanitizer.sanitize(url);
        assertFalse(sanitized.contains("hunter2"), sanitized);
        assertFalse(sanitized.contains("alice"), sanitized);
        assertFalse(UrlSanitizer.hostPort(url).contains("hunter2"));
    }

    @Test
    void aKeyWithoutValueIsKeptAsWritten() {
        // documented: only values are replaced; a bare token in the query is kept
        assertEquals("http://h/?debug&x=?", UrlSanitizer.sanitize("http://h/?debug&x=1"));
    }
}
