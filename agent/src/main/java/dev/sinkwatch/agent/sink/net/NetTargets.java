package dev.sinkwatch.agent.sink.net;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.PathFolder;
import dev.sinkwatch.agent.normalize.UrlSanitizer;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves network targets: a socket address to {@code host:port}, a DNS name to itself (address literals are not
 * lookups), an HTTP request to {@code METHOD scheme://host:port/folded/path?k=?}.
 */
final class NetTargets implements TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.NET.wireName(), 20_000);
    private final HostPortTargets hostPorts = new HostPortTargets(table);
    private final ConcurrentHashMap<String, Target> httpTargets = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return SinkKind.NET.wireName();
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        switch (operation) {
            case Ops.NET_CONNECT:
                return target instanceof InetSocketAddress ? hostPorts.get((InetSocketAddress) target) : null;
            case Ops.NET_SEND:
                return sendTarget(target, context);
            case Ops.NET_RESOLVE:
                String host = (String) target;
                return host == null || host.isEmpty() || isIpLiteral(host) ? null : table.intern(host);
            case Ops.NET_HTTP:
                return httpTarget(target);
            default:
                return null;
        }
    }

    /** An address literal needs no DNS: its "lookup" is not a sink call. */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private Target sendTarget(Object target, Object context) {
        if (target instanceof InetSocketAddress) {
            return hostPorts.get((InetSocketAddress) target);
        }
        if (target instanceof DatagramPacket) {
            DatagramPacket packet = (DatagramPacket) target;
            InetAddress address = packet.getAddress();
            if (address != null) {
                return hostPorts.get(address, packet.getPort());
            }
            if (context instanceof DatagramSocket) {
                DatagramSocket socket = (DatagramSocket) context;
                return socket.getInetAddress() == null ? null : hostPorts.get(socket.getInetAddress(), socket.getPort());
            }
        }
        return null;
    }

    private Target httpTarget(Object target) {
        String method;
        String url;
        if (target instanceof URLConnection) {
            URLConnection connection = (URLConnection) target;
            method = connection instanceof java.net.HttpURLConnection
                    ? ((java.net.HttpURLConnection) connection).getRequestMethod() : "GET";
            url = connection.getURL().toString();
        } else if (target instanceof java.net.http.HttpRequest) {
            java.net.http.HttpRequest request = (java.net.http.HttpRequest) target;
            method = request.method();
            url = request.uri().toString();
        } else {
            return null;
        }
        ConcurrentHashMap<String, Target> byUrl = httpTargets;
        Target t = byUrl.get(url);
        if (t != null && t.text().startsWith(method) && t.text().startsWith(" ", method.length())) {
            return t;
        }
        t = table.intern(method + " " + normaliseUrl(url));
        if (byUrl.size() < 10_000) {
            byUrl.put(url, t);
        }
        return t;
    }

    /** {@code scheme://host:port/folded/path?k=?}: credentials, query values and fragment removed, port explicit. */
    static String normaliseUrl(String url) {
        String clean = UrlSanitizer.sanitize(url);
        try {
            URI uri = new URI(clean);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : PathFolder.fold(uri.getRawPath());
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return uri.getScheme() + "://" + UrlSanitizer.hostPort(clean) + path + query;
        } catch (Exception e) {
            return clean;
        }
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        String text = resolved.text();
        if (operation == Ops.NET_HTTP) {
            int space = text.indexOf(' ');
            if (space < 0) { // the (overflow) target: no method, no URL
                return;
            }
            into.put(SinkAttributes.HTTP_REQUEST_METHOD, text.substring(0, space));
            into.put(SinkAttributes.URL_FULL, text.substring(space + 1));
            hostAndPort(UrlSanitizer.hostPort(text.substring(space + 1)), into);
            into.put(SinkAttributes.NETWORK_TRANSPORT, "tcp");
        } else if (operation == Ops.NET_RESOLVE) {
            into.put(SinkAttributes.SERVER_ADDRESS, text);
        } else {
            hostAndPort(text, into);
            into.put(SinkAttributes.NETWORK_TRANSPORT, operation == Ops.NET_SEND ? "udp" : "tcp");
            InetAddress address = target instanceof InetSocketAddress ? ((InetSocketAddress) target).getAddress()
                    : target instanceof DatagramPacket ? ((DatagramPacket) target).getAddress() : null;
            if (address != null) {
                into.put(SinkAttributes.NETWORK_PEER_ADDRESS, address.getHostAddress());
            }
        }
    }

    private static void hostAndPort(String hostPort, Map<String, Object> into) {
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0) {
            into.put(SinkAttributes.SERVER_ADDRESS, hostPort.substring(0, colon));
            try {
                into.put(SinkAttributes.SERVER_PORT, Long.parseLong(hostPort.substring(colon + 1)));
            } catch (NumberFormatException ignored) {
                // no port
            }
        } else {
            into.put(SinkAttributes.SERVER_ADDRESS, hostPort);
        }
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        if (target instanceof URLConnection) {
            return ((URLConnection) target).getURL().toString();
        }
        if (target instanceof java.net.http.HttpRequest) {
            return ((java.net.http.HttpRequest) target).uri().toString();
        }
        return String.valueOf(target);
    }
}
