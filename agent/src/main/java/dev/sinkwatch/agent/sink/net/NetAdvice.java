package dev.sinkwatch.agent.sink.net;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import net.bytebuddy.asm.Advice;

/** Network advice, inlined into java.net, sun.nio.ch and the JDK HTTP clients. */
public final class NetAdvice {
    private NetAdvice() {
    }

    /** {@code Socket.connect(SocketAddress, int)} and {@code SocketChannelImpl.connect(SocketAddress)}. */
    public static final class Connect {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object address, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_CONNECT, address, null, error);
        }
    }

    /** {@code DatagramSocket.send(DatagramPacket)}: the packet names the destination (or the socket, if connected). */
    public static final class DatagramSend {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.This Object socket,
                                @Advice.Argument(0) Object packet, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_SEND, packet, socket, error);
        }
    }

    /** {@code DatagramChannelImpl.send(ByteBuffer, SocketAddress)}. */
    public static final class ChannelSend {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(1) Object address, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_SEND, address, null, error);
        }
    }

    /** {@code InetAddress.getAllByName(String)} / {@code getByName(String)}. */
    public static final class Resolve {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) String host, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_RESOLVE, host, null, error);
        }
    }

    /** {@code HttpURLConnection.plainConnect0()}: once per connection, the URL and method are on {@code this}. */
    public static final class UrlConnection {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.This Object connection, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_HTTP, connection, null, error);
        }
    }

    /** {@code HttpClientImpl.send}/{@code sendAsync}: the request is the first argument. */
    public static final class HttpClientSend {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s,
                                @Advice.Argument(0) Object request, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_HTTP, request, null, error);
        }
    }
}
