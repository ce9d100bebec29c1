package dev.sinkwatch.collector.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BindPolicyTest {

    private static final ApiTokens NONE = ApiTokens.parse("api.write-tokens", "");
    private static final ApiTokens ALICE = ApiTokens.parse("api.write-tokens", "alice:0123456789abcdef");

    @Test
    @DisplayName("loopback is literal 127/8, ::1 or localhost; anything else is exposed")
    void loopback() {
        for (String bind : new String[] {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
            assertTrue(BindPolicy.loopback(bind), bind);
        }
        for (String bind : new String[] {"0.0.0.0", "::", "10.0.0.1", "collector.example", ""}) {
            assertFalse(BindPolicy.loopback(bind), bind);
        }
    }

    @Test
    @DisplayName("exposed without both tokens refuses, naming what is missing; with both it starts")
    void exposedNeedsTokens() {
        String message = assertThrows(IllegalStateException.class,
                () -> BindPolicy.requireTokensBeyondLoopback("0.0.0.0", "", ALICE)).getMessage();
        assertTrue(message.contains("ingest.token") && !message.contains("api.write-tokens ("), message);
        assertThrows(IllegalStateException.class,
                () -> BindPolicy.requireTokensBeyondLoopback("0.0.0.0", "0123456789abcdef", NONE));
        assertDoesNotThrow(() -> BindPolicy.requireTokensBeyondLoopback("0.0.0.0", "0123456789abcdef", ALICE));
        assertDoesNotThrow(() -> BindPolicy.requireTokensBeyondLoopback("127.0.0.1", "", NONE));
    }

    @Test
    @DisplayName("tokens are name:secret pairs with secrets of 16+ characters, names unique")
    void tokenSyntax() {
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("t", "nosecret"));
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("t", "alice:short"));
        assertThrows(IllegalArgumentException.class,
                () -> ApiTokens.parse("t", "a:0123456789abcdef,a:fedcba9876543210"));
        ApiTokens two = ApiTokens.parse("t", "alice:0123456789abcdef, ci:fedcba9876543210");
        assertTrue("ci".equals(two.nameOf("fedcba9876543210")));
    }
}
