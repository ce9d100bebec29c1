package dev.sinkwatch.agent.sink.net;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.NULL;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.namedOneOf;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

/**
 * Network: TCP connects (blocking sockets and {@code SocketChannel}, which no peer agent hooks), datagram sends,
 * DNS lookups, and HTTP requests from {@code HttpURLConnection} and {@code java.net.http.HttpClient}. Targets:
 * {@link NetTargets}.
 */
public final class NetModule implements SinkModule<NetTargets> {
    private static final String SOCKET = "java.net.Socket";
    private static final String SOCKET_CHANNEL = "sun.nio.ch.SocketChannelImpl";
    private static final String DATAGRAM_SOCKET = "java.net.DatagramSocket";
    private static final String DATAGRAM_CHANNEL = "sun.nio.ch.DatagramChannelImpl";
    private static final String INET_ADDRESS = "java.net.InetAddress";
    private static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    private static final String HTTP_CLIENT = "jdk.internal.net.http.HttpClientImpl";

    @Override
    public SinkKind kind() {
        return SinkKind.NET;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(SOCKET, SOCKET_CHANNEL, DATAGRAM_SOCKET, DATAGRAM_CHANNEL, INET_ADDRESS, URL_CONNECTION,
                HTTP_CLIENT);
    }

    @Override
    public NetTargets newResolver(AgentConfig config) {
        return new NetTargets();
    }

    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder
                // Socket.connect(SocketAddress, int) and SocketChannelImpl.connect(SocketAddress)
                .typeNamed(SOCKET)
                .transform(hooks.sink(named("connect").and(takesArguments(2)), Ops.NET_CONNECT, argument(0), NULL))
                .typeNamed(SOCKET_CHANNEL)
                .transform(hooks.sink(named("connect").and(takesArguments(1)), Ops.NET_CONNECT, argument(0), NULL))
                // DatagramSocket.send(DatagramPacket): the packet names the destination (or the socket, if connected)
                .typeNamed(DATAGRAM_SOCKET)
                .transform(hooks.sink(named("send").and(takesArguments(1)), Ops.NET_SEND, argument(0), SELF))
                // DatagramChannelImpl.send(ByteBuffer, SocketAddress)
                .typeNamed(DATAGRAM_CHANNEL)
                .transform(hooks.sink(named("send").and(takesArguments(2)), Ops.NET_SEND, argument(1), NULL))
                .typeNamed(INET_ADDRESS)
                .transform(hooks.sink(namedOneOf("getAllByName", "getByName").and(takesArguments(String.class)),
                        Ops.NET_RESOLVE, argument(0), NULL))
                // HttpURLConnection.plainConnect0(): once per connection, the URL and method are on this
                .typeNamed(URL_CONNECTION)
                .transform(hooks.sink(named("plainConnect0").and(takesArguments(0)), Ops.NET_HTTP, SELF, NULL))
                // HttpClientImpl.send/sendAsync: the request is the first argument
                .typeNamed(HTTP_CLIENT)
                .transform(hooks.sink(namedOneOf("send", "sendAsync")
                        .and(takesArgument(0, "java.net.http.HttpRequest")), Ops.NET_HTTP, argument(0), NULL));
    }
}
