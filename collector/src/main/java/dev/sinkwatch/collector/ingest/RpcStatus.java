package dev.sinkwatch.collector.ingest;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code google.rpc.Status} message OTLP/HTTP returns with a 4xx/5xx ({@code code = 1}, {@code message = 2};
 * {@code details} is never sent). Encoded by hand: two fields do not justify the common-protos dependency.
 */
final class RpcStatus {

    /** gRPC code INVALID_ARGUMENT, used for 400 and 413. */
    static final int INVALID_ARGUMENT = 3;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int UNAUTHENTICATED = 16;
    static final int UNAVAILABLE = 14;
    static final int UNIMPLEMENTED = 12;

    private RpcStatus() {
    }

    static int grpcCode(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> UNAUTHENTICATED;
            case 429 -> RESOURCE_EXHAUSTED;
            case 503 -> UNAVAILABLE;
            case 404, 405, 415 -> UNIMPLEMENTED;
            default -> INVALID_ARGUMENT;
        };
    }

    static byte[] encode(Encoding encoding, int code, String message) {
        if (encoding == Encoding.JSON) {
            return ("{\"code\":" + code + ",\"message\":" + jsonString(message) + "}").getBytes(StandardCharsets.UTF_8);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length() + 8);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
