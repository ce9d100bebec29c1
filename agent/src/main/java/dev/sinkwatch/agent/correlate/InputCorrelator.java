package dev.sinkwatch.agent.correlate;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestInputs;

import dev.sinkwatch.contract.SinkAttributes;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Decides whether one of the request's inputs reached a sink's target where it changes the target's structure (the
 * runtime-protection criterion of libddwaf and OpenRASP, applied at the sink). Runs only on threads serving a
 * request; the first input that qualifies wins.
 *
 * <ul>
 *   <li>SQL: the input spans more than one token of the statement, or breaks out of its literal ({@link SqlTokens}).
 *       A bound parameter never appears in the SQL text, so it never matches.</li>
 *   <li>Shell: in a shell's script, the input holds an unquoted operator, quote, substitution or space, or names
 *       the command ({@link ShellQuoting}); as the executable of any command, it chooses what runs.</li>
 *   <li>Files: the input holds a {@code ..} segment or is an absolute path, and the opened path holds it.</li>
 *   <li>Network: the input holds the destination's host and the destination is loopback, private, link-local or a
 *       cloud metadata address ({@link Destinations}).</li>
 *   <li>JNDI: the input holds a scheme or a path ({@code :} or {@code /}) and the looked-up name holds it.</li>
 *   <li>LDAP filters and XPath expressions: the input crosses the target's structure ({@link QueryLanguages}).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; allocates only when it finds something.
 */
public final class InputCorrelator {

    private InputCorrelator() {
    }

    /**
     * @param rawTarget what the hook saw (a command list, an address, ...)
     * @param rawText   the target as text (the SQL, the path, the URL, the name); null when unknown
     */
    public static Verdict judge(int operation, Object rawTarget, String rawText, RequestInputs inputs) {
        if (inputs == null || inputs.size() == 0) {
            return null;
        }
        switch (operation / 10) {
            case 0:
                return operation == Ops.JDBC_CONNECT || rawText == null ? null : sql(rawText, inputs);
            case 1:
                return rawText == null ? null : file(rawText, inputs);
            case 2:
                return net(operation, rawTarget, rawText, inputs);
            case 3:
                return rawTarget instanceof List ? ShellQuoting.judge(commandOf(rawTarget), inputs) : null;
            case 5:
                return rawText == null ? null : jndi(rawText, inputs);
            case 6:
                return rawText == null ? null : QueryLanguages.ldap(rawText, inputs);
            case 7:
                return rawText == null ? null : QueryLanguages.xpath(rawText, inputs);
            default:
                return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> commandOf(Object rawTarget) {
        return (List<String>) rawTarget;
    }

    static Verdict sql(String sql, RequestInputs inputs) {
        long mask = RequestInputs.charMask(sql);
        for (int i = 0, n = inputs.size(); i < n; i++) {
            int length = inputs.length(i);
            int at = inputs.firstIndexIn(i, sql, mask);
            for (int tries = 0; at >= 0 && tries < 8; tries++) {
                if (SqlTokens.tokensIn(sql, at, at + length) > 1) {
                    return verdict(SinkAttributes.RULE_SQL_INJECTION, inputs, i, at, at + length, null);
                }
                at = inputs.indexIn(i, sql, at + 1);
            }
        }
        return null;
    }

    static Verdict file(String path, RequestInputs inputs) {
        if (path.endsWith(".class") || path.endsWith(".jar")) {
            return null; // a class loader reading what the request made it load, under a directory an input may name
        }
        long mask = RequestInputs.charMask(path);
        for (int i = 0, n = inputs.size(); i < n; i++) {
            int at = inputs.firstIndexIn(i, path, mask);
            if (at < 0) {
                continue;
            }
            String value = inputs.value(i); // only for an input the path holds
            if (hasDotDotSegment(value) || isAbsolute(value)) {
                return verdict(SinkAttributes.RULE_FILE_TRAVERSAL, inputs, i, at, at + value.length(), null);
            }
        }
        return null;
    }

    static boolean hasDotDotSegment(String value) {
        int at = value.indexOf("..");
        while (at >= 0) {
            boolean startOk = at == 0 || value.charAt(at - 1) == '/' || value.charAt(at - 1) == '\\';
            int after = at + 2;
            boolean endOk = after == value.length() || value.charAt(after) == '/' || value.charAt(after) == '\\';
            if (startOk && endOk) {
                return true;
            }
            at = value.indexOf("..", at + 1);
        }
        return false;
    }

    private static boolean isAbsolute(String value) {
        char c = value.charAt(0);
        return c == '/' || c == '\\' || (value.length() > 2 && value.charAt(1) == ':'
                && (value.charAt(2) == '\\' || value.charAt(2) == '/'));
    }

    private static Verdict net(int operation, Object rawTarget, String rawText, RequestInputs inputs) {
        String host;
        String destinationClass;
        if (operation == Ops.NET_CONNECT && rawTarget instanceof InetSocketAddress) {
            InetSocketAddress address = (InetSocketAddress) rawTarget;
            host = address.getHostString();
            destinationClass = Destinations.classify(address.getAddress(), host);
        } else if (rawText != null) {
            host = operation == Ops.NET_RESOLVE ? rawText : Destinations.hostOf(rawText);
            destinationClass = host == null ? null : Destinations.classify(null, host);
        } else {
            return null;
        }
        if (destinationClass == null || host == null || host.isEmpty()) {
            return null;
        }
        String target = rawText == null ? host : rawText;
        for (int i = 0, n = inputs.size(); i < n; i++) {
            if (inputs.length(i) >= Math.max(3, host.length()) && inputs.valueHoldsIgnoreCase(i, host)
                    && holdsHost(inputs.value(i), host)) {
                int at = target.indexOf(host);
                return verdict(SinkAttributes.RULE_NET_SSRF, inputs, i, Math.max(0, at), Math.max(0, at) + host.length(),
                        destinationClass);
            }
        }
        return null;
    }

    private static Verdict jndi(String name, RequestInputs inputs) {
        long mask = RequestInputs.charMask(name);
        for (int i = 0, n = inputs.size(); i < n; i++) {
            if (inputs.length(i) < 3) {
                continue;
            }
            int at = inputs.firstIndexIn(i, name, mask);
            if (at < 0) {
                continue;
            }
            String value = inputs.value(i); // only for an input the name holds
            if (value.indexOf(':') >= 0 || value.indexOf('/') >= 0) {
                return verdict(SinkAttributes.RULE_JNDI_INJECTION, inputs, i, at, at + value.length(), null);
            }
        }
        return null;
    }

    /**
     * Whether the input names the host as a host: the whole input, or the host after a start, {@code //} or
     * {@code @} and before an end, {@code :}, {@code /}, {@code ?} or {@code #}. A service called {@code db} is not
     * named by a user agent or a search for "db tuning".
     */
    static boolean holdsHost(String value, String host) {
        int n = host.length();
        for (int i = 0; i + n <= value.length(); i++) {
            if (value.regionMatches(true, i, host, 0, n) && hostStartsAt(value, i) && hostEndsAt(value, i + n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hostStartsAt(String value, int i) {
        return i == 0 || value.charAt(i - 1) == '@' || (i >= 2 && value.charAt(i - 1) == '/'
                && value.charAt(i - 2) == '/');
    }

    private static boolean hostEndsAt(String value, int end) {
        if (end == value.length()) {
            return true;
        }
        char c = value.charAt(end);
        return c == ':' || c == '/' || c == '?' || c == '#';
    }

    static Verdict verdict(String rule, RequestInputs inputs, int index, int start, int end, String destinationClass) {
        return new Verdict(rule, inputs.source(index) + "." + inputs.name(index), start, end, destinationClass);
    }
}
