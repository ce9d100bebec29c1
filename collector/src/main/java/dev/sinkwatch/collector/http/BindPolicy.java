package dev.sinkwatch.collector.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Secure by default: a collector listening beyond loopback must have an ingest token and API write tokens, or it
 * refuses to start, saying how to set them. On loopback only local processes can connect, so tokens stay optional.
 */
public final class BindPolicy {

    private BindPolicy() {
    }

    /**
     * @throws IllegalStateException with the fix, when {@code bind} is not a loopback address and a token is missing
     */
    public static void requireTokensBeyondLoopback(String bind, String ingestToken, ApiTokens writeTokens) {
        if (loopback(bind) || (!ingestToken.isBlank() && !writeTokens.isEmpty())) {
            return;
        }
        throw new IllegalStateException("refusing to listen on " + bind + " without tokens: anyone who can reach the"
                + " ports could send data or silence alerts. Set "
                + (ingestToken.isBlank() ? "ingest.token (agents send it as a bearer token)" : "")
                + (ingestToken.isBlank() && writeTokens.isEmpty() ? " and " : "")
                + (writeTokens.isEmpty() ? "api.write-tokens (name:secret pairs; api.read-tokens for read-only users)"
                        : "")
                + ", e.g. SINKWATCH_INGEST_TOKEN=$(openssl rand -hex 16) SINKWATCH_API_WRITE_TOKENS=alice:$(openssl"
                + " rand -hex 16), or bind to 127.0.0.1 (--bind 127.0.0.1).");
    }

    static boolean loopback(String bind) {
        if (bind.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Literal addresses only: a host name that resolves to loopback today may not tomorrow.
            return !Character.isLetter(bind.charAt(0)) && InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }
}
