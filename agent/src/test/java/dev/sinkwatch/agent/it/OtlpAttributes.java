package dev.sinkwatch.agent.it;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decoded OTLP attributes as plain Java values (String, Long, Boolean, Double, List), for assertions. */
public final class OtlpAttributes {
    private OtlpAttributes() {
    }

    public static Map<String, Object> of(List<KeyValue> list) {
        Map<String, Object> out = new HashMap<>();
        for (KeyValue kv : list) {
            out.put(kv.getKey(), value(kv.getValue()));
        }
        return out;
    }

    private static Object value(AnyValue v) {
        switch (v.getValueCase()) {
            case STRING_VALUE: return v.getStringValue();
            case INT_VALUE: return v.getIntValue();
            case BOOL_VALUE: return v.getBoolValue();
            case DOUBLE_VALUE: return v.getDoubleValue();
            case ARRAY_VALUE:
                List<Object> items = new ArrayList<>();
                for (AnyValue item : v.getArrayValue().getValuesList()) {
                    items.add(value(item));
                }
                return items;
            default: return v.toString();
        }
    }
}
