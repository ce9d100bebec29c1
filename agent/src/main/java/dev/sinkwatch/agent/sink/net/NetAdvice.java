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
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0,
                                @Advice.Argument(0) Object address, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_CONNECT, address, null, t0, error);
        }
    }

    /** {@code DatagramSocket.send(DatagramPacket)}: the packet names the destination (or the socket, if connected). */
    public static final class DatagramSend {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0, @Advice.This Object socket,
                                @Advice.Argument(0) Object packet, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_SEND, packet, socket, t0, error);
        }
    }

    /** {@code DatagramChannelImpl.send(ByteBuffer, SocketAddress)}. */
    public static final class ChannelSend {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0,
                                @Advice.Argument(1) Object address, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_SEND, address, null, t0, error);
        }
    }

    /** {@code InetAddress.getAllByName(String)} / {@code getByName(String)}. */
    public static final class Resolve {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0,
                                @Advice.Argument(0) String host, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_RESOLVE, host, null, t0, error);
        }
    }

    /** {@code HttpURLConnection.plainConnect0()}: once per connection, the URL and method are on {@code this}. */
    public static final class UrlConnection {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0,
                                @Advice.This Object connection, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_HTTP, connection, null, t0, error);
        }
    }

    /** {@code HttpClientImpl.send}/{@code sendAsync}: the request is the first argument. */
    public static final class HttpClientSend {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static ThreadState enter(@Advice.Local("t0") long t0) {
            t0 = System.nanoTime();
            return SinkBridge.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Local("t0") long t0,
                                @Advice.Argument(0) Object request, @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.NET_HTTP, request, null, t0, error);
        }
    }
}
