package dev.sinkwatch.agent.normalize;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link UrlSanitizer} and {@link JndiName}: URLs with fuzzed parts and a marker in the user info, a query
 * value, a path parameter value, the fragment, an e-mail address or a token in the path. Properties: the marker
 * never survives; the output is at most the input's length plus a little; every input within the budget.
 */
class UrlSanitizerFuzzTest {
    static final String MARKER = "zqMARKERzq";

    @FuzzTest(maxDuration = "10s")
    void noSecretPartSurvives(FuzzedDataProvider data) {
        String host = data.pickValue(new String[] {"example.com", "127.0.0.1", "[::1]", "h"});
        // free() last: removing a character could join two halves of the marker.
        String path = "/" + free(data.consumeString(40).replace("?", "").replace("#", "").replace(";", ""));
        String url;
        switch (data.consumeInt(0, 5)) {
            case 0:
                url = "https://" + free(data.consumeAsciiString(6).replaceAll("[/?#@]", "")) + ":" + MARKER + "@" + host + path;
                break;
            case 1:
                url = "http://" + host + path + "?" + free(data.consumeAsciiString(5).replaceAll("[=&#]", "")) + "=" + MARKER
                        + free(data.consumeAsciiString(5).replaceAll("[&#]", ""));
                break;
            case 2:
                url = "http://" + host + path + ";jsessionid=" + MARKER;
                break;
            case 3:
                url = "http://" + host + path + "#" + MARKER + free(data.consumeString(20));
                break;
            case 4:
                url = "https://" + host + path + "/" + MARKER + "@example.org/x";
                break;
            default:
                url = "https://" + host + path + "/bot1234:" + MARKER + "Aa1Bb2Cc3Dd4Ee5/send";
        }
        String clean = UrlSanitizer.sanitize(url);
        if (clean.contains(MARKER)) {
            throw new AssertionError("marker survived: " + url + " -> " + clean);
        }
        if (clean.length() > url.length() + 16) {
            throw new AssertionError("output too long: " + url + " -> " + clean);
        }
        String jndi = JndiName.normalise(url.replace("https://", "ldap://").replace("http://", "rmi://"));
        if (jndi.contains(MARKER)) {
            throw new AssertionError("marker survived in the JNDI name: " + url + " -> " + jndi);
        }
    }

    /** Fuzzed text without the marker: the fuzzer copies it from comparisons, and it must only be where secrets are. */
    private static String free(String fuzzed) {
        return fuzzed.replace(MARKER, "");
    }
}
