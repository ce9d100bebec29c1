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
                    throw new IngestException(413, "too_large",
                            "request body of " + length.trim() + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new IngestException(400, "bad_request", "invalid Content-Length");
            }
        }
        byte[] raw = readLimited(exchange.getRequestBody(), maxBodyBytes, "request body");
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
