package dev.sinkwatch.collector.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifying a destination without any lookup: literal IPv4 (dotted, and the 1–3 part and plain-integer forms Java
 * also accepts, a classic SSRF filter bypass: {@code 2852039166} = 169.254.169.254), literal IPv6 (with IPv4-mapped
 * addresses), and host names by their shape.
 */
final class NetAddresses {

    enum Kind {
        METADATA, LOOPBACK, LINK_LOCAL, PRIVATE, PUBLIC;

        boolean internal() {
            return this != PUBLIC;
        }
    }

    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog",
            "metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.com",
            "metadata.platformequinix.com");
    private static final List<String> PRIVATE_SUFFIXES = List.of(".internal", ".local", ".localdomain", ".svc",
            ".cluster.local", ".lan", ".corp", ".home.arpa", ".intranet");

    private NetAddresses() {
    }

    /**
     * The host of a target in any of the agent's net forms: {@code host:port}, {@code [v6]:port}, a bare host
     * ({@code resolve}), {@code METHOD scheme://host:port/path} ({@code http}), {@code scheme://host...}.
     */
    static String host(String target) {
        String t = target.trim();
        int space = t.indexOf(' ');
        if (space > 0 && t.indexOf("://") > space) {
            t = t.substring(space + 1);
        }
        int scheme = t.indexOf("://");
        if (scheme >= 0) {
            t = t.substring(scheme + 3);
            int end = firstOf(t, "/?#");
            t = end < 0 ? t : t.substring(0, end);
            int at = t.lastIndexOf('@');
            t = at < 0 ? t : t.substring(at + 1);
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            return close < 0 ? t.substring(1) : t.substring(1, close);
        }
        int colons = (int) t.chars().filter(c -> c == ':').count();
        if (colons == 1) {
            return t.substring(0, t.indexOf(':'));
        }
        return t; // bare host, or a bare IPv6 literal
    }

    private static int firstOf(String s, String chars) {
        int best = -1;
        for (char c : chars.toCharArray()) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    static Kind classify(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        long v4 = ipv4(host);
        if (v4 >= 0) {
            return classifyV4(v4);
        }
        if (host.contains(":")) {
            return classifyV6(host);
        }
        if (METADATA_NAMES.contains(host)) {
            return Kind.METADATA;
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("ip6-localhost")
                || host.equals("localhost.localdomain")) {
            return Kind.LOOPBACK;
        }
        if (host.isEmpty() || !host.contains(".")) {
            return Kind.PRIVATE; // single-label names only resolve inside a network (compose, k8s, search domains)
        }
        for (String suffix : PRIVATE_SUFFIXES) {
            if (host.endsWith(suffix)) {
                return Kind.PRIVATE;
            }
        }
        return Kind.PUBLIC;
    }

    /** The address as an unsigned 32-bit value, or -1 when {@code host} is not an IPv4 literal Java would accept. */
    static long ipv4(String host) {
        if (host.isEmpty() || !host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return -1;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 10) {
                return -1;
            }
            v[i] = Long.parseLong(parts[i]);
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (v[i] > 255) {
                return -1;
            }
            value = (value << 8) | v[i];
        }
        int remainingBytes = 4 - (parts.length - 1);
        long last = v[parts.length - 1];
        if (last >= (1L << (8 * remainingBytes))) {
            return -1;
        }
        return (value << (8 * remainingBytes)) | last;
    }

    private static Kind classifyV4(long a) {
        int b0 = (int) (a >>> 24);
        int b1 = (int) ((a >>> 16) & 0xff);
        if (a == ip(169, 254, 169, 254) || a == ip(100, 100, 100, 200) || a == ip(169, 254, 170, 2)
                || a == ip(169, 254, 170, 23) || a == ip(192, 0, 0, 192)) {
            return Kind.METADATA;
        }
        if (b0 == 127 || b0 == 0) {
            return Kind.LOOPBACK;
        }
        if (b0 == 169 && b1 == 254) {
            return Kind.LINK_LOCAL;
        }
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)
                || (b0 == 100 && b1 >= 64 && b1 <= 127) || (b0 == 198 && (b1 == 18 || b1 == 19))) {
            return Kind.PRIVATE;
        }
        return Kind.PUBLIC;
    }

    private static long ip(int a, int b, int c, int d) {
        return ((long) a << 24) | ((long) b << 16) | ((long) c << 8) | d;
    }

    private static Kind classifyV6(String host) {
        int[] groups = ipv6(host);
        if (groups == null) {
            return Kind.PUBLIC;
        }
        boolean allZeroBut7 = true;
        for (int i = 0; i < 7; i++) {
            allZeroBut7 &= groups[i] == 0;
        }
        if (allZeroBut7 && (groups[7] == 1 || groups[7] == 0)) {
            return Kind.LOOPBACK;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return classifyV4(((long) groups[6] << 16) | groups[7]);
        }
        if (groups[0] == 0xfd00 && groups[1] == 0x0ec2 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0 && groups[6] == 0 && groups[7] == 0x254) {
            return Kind.METADATA;
        }
        if ((groups[0] & 0xffc0) == 0xfe80) {
            return Kind.LINK_LOCAL;
        }
        if ((groups[0] & 0xfe00) == 0xfc00) {
            return Kind.PRIVATE;
        }
        return Kind.PUBLIC;
    }

    /** Eight 16-bit groups, or null if not an IPv6 literal (an embedded dotted IPv4 tail is accepted). */
    static int[] ipv6(String host) {
        String h = host;
        int[] tail = null;
        int lastColon = h.lastIndexOf(':');
        if (lastColon >= 0 && h.indexOf('.', lastColon) > 0) {
            long v4 = ipv4(h.substring(lastColon + 1));
            if (v4 < 0) {
                return null;
            }
            tail = new int[] {(int) (v4 >>> 16), (int) (v4 & 0xffff)};
            h = h.substring(0, lastColon + 1) + "0:0";
        }
        String[] halves = h.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] rest = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        if (halves.length == 1 && head.length != 8 || head.length + rest.length > 8) {
            return null;
        }
        int[] groups = new int[8];
        try {
            for (int i = 0; i < head.length; i++) {
                groups[i] = group(head[i]);
            }
            for (int i = 0; i < rest.length; i++) {
                groups[8 - rest.length + i] = group(rest[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (tail != null) {
            groups[6] = tail[0];
            groups[7] = tail[1];
        }
        return groups;
    }

    private static int group(String g) {
        if (g.isEmpty() || g.length() > 4) {
            throw new NumberFormatException(g);
        }
        return Integer.parseInt(g, 16);
    }
}
