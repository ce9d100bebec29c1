package dev.sinkwatch.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * OTLP's JSON mapping on top of protobuf's canonical one. The differences that matter
 * (see the OTLP specification, "JSON Protobuf Encoding"): {@code traceId}/{@code spanId}/{@code parentSpanId} are
 * hex, not base64; field names are lowerCamelCase (protobuf's parser takes both); enums may be integers and
 * int64 values strings or numbers (protobuf's parser takes both); unknown fields must be ignored.
 *
 * <p>Concurrency: stateless and thread-safe.
 */
final class OtlpJson {

    private static final Set<String> HEX_ID_FIELDS = Set.of(
            "traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private OtlpJson() {
    }

    /** Parses OTLP JSON into {@code builder}; a message of what is wrong on failure. */
    static void merge(byte[] json, Message.Builder builder) throws IngestException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IngestException(400, "bad_request", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IngestException(400, "bad_request", "malformed JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IngestException(400, "bad_request", "malformed JSON: expected an object at the top level");
        }
        hexToBase64(tree);
        try {
            PARSER.merge(MAPPER.writeValueAsString(tree), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IngestException(400, "bad_request", "invalid OTLP JSON: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new IngestException(400, "bad_request", "invalid OTLP JSON: " + e);
        }
    }

    static byte[] print(Message message) {
        try {
            return PRINTER.print(message).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void hexToBase64(JsonNode node) throws IngestException {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (HEX_ID_FIELDS.contains(field.getKey()) && value.isTextual()) {
                    field.setValue(new TextNode(hexId(field.getKey(), value.asText())));
                } else {
                    hexToBase64(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                hexToBase64(element);
            }
        }
    }

    private static String hexId(String field, String hex) throws IngestException {
        if (hex.isEmpty()) {
            return "";
        }
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IngestException(400, "bad_request", "invalid OTLP JSON: " + field + " is not hex: '"
                    + (hex.length() > 40 ? hex.substring(0, 40) + "..." : hex) + "'");
        }
    }
}
