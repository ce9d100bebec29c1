package dev.sinkwatch.collector.api;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.util.Locale;

/**
 * What every write ({@code POST}) must look like, whatever its token: a JSON body ({@code Content-Type:
 * application/json}, which a browser cannot send cross-site without a CORS preflight that the collector never
 * approves) and no sign of a cross-site browser request ({@code Sec-Fetch-Site: cross-site/same-site}, or an
 * {@code Origin} other than the collector's own). So a web page cannot make a user's browser ack or approve, even
 * on a loopback collector without tokens.
 */
final class WriteRequests {

    private final String publicOrigin;

    /** @param publicUrl {@code api.public-url} (its origin is also accepted), empty when not set */
    WriteRequests(String publicUrl) {
        this.publicOrigin = publicUrl == null || publicUrl.isBlank() ? null : origin(URI.create(publicUrl.trim()));
    }

    /** @throws ApiError 415 or 403 saying what is wrong */
    void check(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim()
                .equals("application/json")) {
            throw new ApiError(415, "writes need Content-Type: application/json (got " + contentType + ")");
        }
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ApiError(403, "cross-site request refused (Sec-Fetch-Site: " + site + ")");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals(publicOrigin) && !origin.equals(ownOrigin(exchange))) {
            throw new ApiError(403, "cross-site request refused (Origin: " + origin + ")");
        }
    }

    private static String ownOrigin(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null ? null : "http://" + host;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** An API answer other than 200, with its reason. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
