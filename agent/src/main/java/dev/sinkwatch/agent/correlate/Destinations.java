package dev.sinkwatch.agent.correlate;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * The class of a network destination, without any DNS lookup: {@code metadata} (cloud instance metadata),
 * {@code loopback}, {@code link-local}, {@code private} (RFC 1918, CGNAT {@code 100.64/10}, ULA {@code fc00::/7},
 * {@code *.internal}, {@code *.local}); null for a public or unknown one. A name is judged by its text only; an
 * address already resolved by the application is judged by its bytes.
 */
final class Destinations {

    private Destinations() {
    }

    /** The host of a URL text; null when it has none. */
    static String hostOf(String url) {
        int space = url.indexOf(' ');
        String text = space > 0 && space < 10 ? url.substring(space + 1) : url; // "GET http://..." from a target
        try {
            String host = URI.create(text).getHost();
            return host == null ? null : host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String classify(InetAddress address, String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (name.equals("169.254.169.254") || name.equals("metadata.google.internal") || name.equals("100.100.100.200")
                || name.equals("169.254.170.2") || name.equals("fd00:ec2::254")) {
            return "metadata";
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return "loopback";
        }
        if (address == null) {
            address = literal(name);
        }
        if (address != null) {
            byte[] b = address.getAddress();
            if (b.length == 4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169
                    && (b[3] & 0xff) == 254) {
                return "metadata";
            }
            if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
                return "loopback";
            }
            if (address.isLinkLocalAddress()) {
                return "link-local";
            }
            if (address.isSiteLocalAddress() || (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)
                    || (b.length == 16 && (b[0] & 0xfe) == 0xfc)) {
                return "private";
            }
            return null;
        }
        return name.endsWith(".internal") || name.endsWith(".local") ? "private" : null;
    }

    /** An IP literal as an address (no lookup: only digits, dots and colons are parsed); null for a name. */
    private static InetAddress literal(String host) {
        if (host.isEmpty()) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == ':' || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        if (host.indexOf(':') < 0 && (host.chars().filter(c -> c == '.').count() != 3
                || !host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return null; // not a dotted IPv4 literal: a name, which would need a lookup
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, never looked up
        } catch (Exception e) {
            return null;
        }
    }
}
