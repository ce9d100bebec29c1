package dev.sinkwatch.collector.ingest;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body within two limits: bytes as sent ({@code maxBodyBytes}) and bytes after gzip decompression
 * ({@code maxDecompressedBytes}). Both are enforced while reading, so neither a large upload nor a gzip bomb is
 * ever held in memory beyond its limit plus one buffer.
 */
final class BodyReader {

    private final long maxBodyBytes;
    private final long maxDecompressedBytes;

    BodyReader(long maxBodyBytes, long maxDecompressedBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    byte[] read(HttpExchange exchange) throws IngestException, IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    drain(exchange.getRequestBody());
                    throw new IngestException(413, "too_large",
                            "request body of " + length.trim() + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new IngestException(400, "bad_request", "invalid Content-Length");
            }
        }
        byte[] raw;
        try {
            raw = readLimited(exchange.getRequestBody(), maxBodyBytes, "request body");
        } catch (IngestException e) {
            drain(exchange.getRequestBody());
            throw e;
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return raw;
        }
        if (!encoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
            throw new IngestException(415, "unsupported", "unsupported Content-Encoding '" + encoding
                    + "' (gzip or none)");
        }
        return gunzip(raw);
    }

    /**
     * Reads and discards what is left of a refused body, up to 4 × {@code maxBodyBytes}, so that the client, which
     * may still be sending, reads the 413 instead of a connection reset. Beyond that the connection is closed.
     */
    private void drain(InputStream in) {
        byte[] buffer = new byte[16384];
        long budget = maxBodyBytes * 4;
        try {
            int n;
            while (budget > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, budget))) > 0) {
                budget -= n;
            }
        } catch (IOException ignored) {
            // the client went away: nothing to answer
        }
    }

    byte[] gunzip(byte[] compressed) throws IngestException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            return readLimited(in, maxDecompressedBytes, "decompressed body");
        } catch (EOFException e) {
            throw new IngestException(400, "bad_request", "truncated gzip body");
        } catch (ZipException e) {
            throw new IngestException(400, "bad_request", "corrupt gzip body: " + e.getMessage());
        } catch (IOException e) {
            throw new IngestException(400, "bad_request", "unreadable gzip body: " + e.getMessage());
        }
    }

    private static byte[] readLimited(InputStream in, long limit, String what) throws IngestException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new IngestException(413, "too_large", what + " exceeds the limit of " + limit + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
