package dev.sinkwatch.collector.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Accepts requests carrying {@code Authorization: Bearer <token>}; 401 with {@code WWW-Authenticate} otherwise. */
public final class BearerAuthenticator extends Authenticator {

    private final byte[] expected;
    private final String realm;

    public BearerAuthenticator(String token, String realm) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.realm = realm;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8))) {
            return new Success(new HttpPrincipal("bearer", realm));
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        return new Failure(401);
    }
}
