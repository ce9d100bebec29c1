package dev.sinkwatch.agent.sink.net;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;

import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static dev.sinkwatch.agent.sink.Signatures.takesArgument;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

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
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder
                .type(named(SOCKET))
                .transform(advices.sink(named("connect").and(takesArguments(2)), NetAdvice.Connect.class))
                .type(named(SOCKET_CHANNEL))
                .transform(advices.sink(named("connect").and(takesArguments(1)), NetAdvice.Connect.class))
                .type(named(DATAGRAM_SOCKET))
                .transform(advices.sink(named("send").and(takesArguments(1)), NetAdvice.DatagramSend.class))
                .type(named(DATAGRAM_CHANNEL))
                .transform(advices.sink(named("send").and(takesArguments(2)), NetAdvice.ChannelSend.class))
                .type(named(INET_ADDRESS))
                .transform(advices.sink(namedOneOf("getAllByName", "getByName").and(takesArguments(String.class)),
                        NetAdvice.Resolve.class))
                .type(named(URL_CONNECTION))
                .transform(advices.sink(named("plainConnect0").and(takesArguments(0)), NetAdvice.UrlConnection.class))
                .type(named(HTTP_CLIENT))
                .transform(advices.sink(namedOneOf("send", "sendAsync")
                        .and(takesArgument(0, named("java.net.http.HttpRequest"))), NetAdvice.HttpClientSend.class));
    }
}
