package dev.sinkwatch.collector.http;

import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a request's whole body without holding a thread, then hands the request, its body in memory, to the
 * (blocking) handlers on a worker thread. A client that promises a body and sends it slowly, or never, therefore
 * costs a connection and the bytes it sent, never a worker: with blocking reads, as many stalled uploads as there
 * are workers froze a port. The idle timeout and the minimum data rate end such connections.
 *
 * <p>Bounds: a body over {@code maxBodyBytes} gets 413 before it is read; the bodies being buffered together may
 * hold at most {@code maxBufferedBytes} (a request that does not fit gets 503 and {@code Retry-After}).
 *
 * <p>Concurrency: {@code buffered} is the one shared field, an atomic counter of reserved bytes.
 */
final class BufferedBodyHandler extends Handler.Wrapper {

    private final int maxBodyBytes;
    private final long maxBufferedBytes;
    private final AtomicLong buffered = new AtomicLong();

    BufferedBodyHandler(Handler handler, int maxBodyBytes, long maxBufferedBytes) {
        super(handler);
        this.maxBodyBytes = maxBodyBytes;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        if (length == 0 || (length < 0 && !request.getHeaders().contains("Transfer-Encoding"))) {
            return super.handle(request, response, callback);
        }
        if (length > maxBodyBytes) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "request body of " + length + " bytes exceeds " + maxBodyBytes);
            return true;
        }
        long reserved = length > 0 ? length : maxBodyBytes;
        if (buffered.addAndGet(reserved) > maxBufferedBytes) {
            buffered.addAndGet(-reserved);
            response.getHeaders().put("Retry-After", "2");
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "too many request bodies in flight; retry later");
            return true;
        }
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, failure) -> {
            if (failure != null) {
                buffered.addAndGet(-reserved);
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                        "request body not received: " + failure.getMessage());
                return;
            }
            try {
                getServer().getThreadPool().execute(() -> dispatch(request, body, response, callback, reserved));
            } catch (RejectedExecutionException e) {
                buffered.addAndGet(-reserved);
                response.getHeaders().put("Retry-After", "2");
                Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "overloaded");
            }
        });
        return true;
    }

    private void dispatch(Request request, byte[] body, Response response, Callback callback, long reserved) {
        ByteBufferContentSource content = new ByteBufferContentSource(ByteBuffer.wrap(body));
        Request buffered = new Request.Wrapper(request) {
            @Override
            public long getLength() {
                return body.length;
            }

            @Override
            public Content.Chunk read() {
                return content.read();
            }

            @Override
            public void demand(Runnable demandCallback) {
                content.demand(demandCallback);
            }

            @Override
            public void fail(Throwable failure) {
                content.fail(failure);
            }
        };
        try {
            if (!super.handle(buffered, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable t) {
            Response.writeError(request, response, callback, t);
        } finally {
            this.buffered.addAndGet(-reserved);
        }
    }
}
