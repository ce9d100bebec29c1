package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;

/**
 * ISO-8601 ({@code 2026-11-25T21:11:00.123Z}) for {@link Instant} fields of the alert model, so that the API's JSON
 * does not depend on whether the caller's ObjectMapper has the JSR-310 module registered.
 */
final class InstantJson {

    private InstantJson() {
    }

    static final class Serializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }

    static final class Deserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        }
    }
}
