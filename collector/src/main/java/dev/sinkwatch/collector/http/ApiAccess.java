package dev.sinkwatch.collector.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

/**
 * Who may call {@code /api/*}: reads ({@code GET}, {@code HEAD}) need a read or a write token, everything else a
 * write token (403 with a read token, 401 with none or an unknown one). The token's name becomes the exchange's
 * principal, which the API records as who acted. With no token configured at all (allowed on loopback only, see
 * {@link BindPolicy}) every request passes as {@value #LOCAL}.
 */
public final class ApiAccess extends Authenticator {

    /** Who acted when no tokens are configured (a collector bound to loopback). */
    public static final String LOCAL = "local";

    private final ApiTokens readTokens;
    private final ApiTokens writeTokens;
    private final String realm;

    public ApiAccess(ApiTokens readTokens, ApiTokens writeTokens, String realm) {
        this.readTokens = readTokens;
        this.writeTokens = writeTokens;
        this.realm = realm;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        if (readTokens.isEmpty() && writeTokens.isEmpty()) {
            return new Success(new HttpPrincipal(LOCAL, realm));
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : null;
        String writer = secret == null ? null : writeTokens.nameOf(secret);
        if (writer != null) {
            return new Success(new HttpPrincipal(writer, realm));
        }
        String reader = secret == null ? null : readTokens.nameOf(secret);
        String method = exchange.getRequestMethod();
        if (reader != null && (method.equals("GET") || method.equals("HEAD"))) {
            return new Success(new HttpPrincipal(reader, realm));
        }
        if (reader != null) {
            return new Failure(403); // a read token on a write
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        return new Failure(401);
    }
}
