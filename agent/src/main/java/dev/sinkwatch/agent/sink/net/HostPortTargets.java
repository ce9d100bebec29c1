package dev.sinkwatch.agent.sink.net;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetTable;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code host:port} targets found without building the string: by host (the string an address was made with, or
 * the {@link InetAddress} a datagram names), then by port in a small array. A connect or send to a known
 * destination allocates nothing.
 *
 * <p>Concurrency: lock-free reads; a host's port list is copied on write under its lock.
 */
final class HostPortTargets {
    /** Past this many ports per host, targets are interned by string (allocating) instead of cached here. */
    private static final int MAX_PORTS_PER_HOST = 64;

    private final TargetTable table;
    /** Keys are host strings or {@link InetAddress}es; the two never compare equal. */
    private final ConcurrentHashMap<Object, Ports> byHost = new ConcurrentHashMap<>();

    HostPortTargets(TargetTable table) {
        this.table = table;
    }

    private static final class Ports {
        volatile int[] ports = new int[0];
        volatile Target[] targets = new Target[0];
    }

    Target get(InetSocketAddress address) {
        return get(address.getHostString(), address.getPort());
    }

    /** A datagram's destination: keyed by the address itself, its text made only when it is new. */
    Target get(InetAddress address, int port) {
        return get((Object) address, port);
    }

    private Target get(Object hostKey, int port) {
        Ports ports = byHost.get(hostKey);
        if (ports != null) {
            int[] p = ports.ports;
            Target[] t = ports.targets;
            for (int i = 0; i < p.length && i < t.length; i++) {
                if (p[i] == port) {
                    return t[i];
                }
            }
        } else if (byHost.size() < 10_000) {
            ports = byHost.computeIfAbsent(hostKey, h -> new Ports());
        }
        String host = hostKey instanceof InetAddress ? ((InetAddress) hostKey).getHostAddress() : (String) hostKey;
        String text = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        Target target = table.intern(text);
        if (ports != null) {
            synchronized (ports) {
                int[] p = ports.ports;
                if (p.length < MAX_PORTS_PER_HOST) {
                    int[] np = java.util.Arrays.copyOf(p, p.length + 1);
                    Target[] nt = java.util.Arrays.copyOf(ports.targets, p.length + 1);
                    np[p.length] = port;
                    nt[p.length] = target;
                    ports.targets = nt; // targets first: readers bound by both lengths
                    ports.ports = np;
                }
            }
        }
        return target;
    }
}
