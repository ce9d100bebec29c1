package dev.sinkwatch.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The few methods of a Jackson 2 parser the JSON hook reads, as method handles on the {@code JsonParser} class the
 * woven parser names (the bridge, in the boot loader, cannot name Jackson's types): the current token, the input
 * source, and the parsing context's path. Looked up once per {@code JsonParser} class; a Jackson without one of them
 * gets no strings read, never an error.
 */
final class JacksonApi {
    private static final ClassValue<JacksonApi> BY_PARSER = new ClassValue<JacksonApi>() {
        @Override
        protected JacksonApi computeValue(Class<?> parserClass) {
            return new JacksonApi(parserClass);
        }
    };
    /** Path segments named at most, innermost first. */
    private static final int MAX_SEGMENTS = 8;

    private final Object valueString;
    private final MethodHandle currentToken;
    private final MethodHandle inputSource;
    private final MethodHandle parsingContext;
    private final MethodHandle inRoot;
    private final MethodHandle inArray;
    private final MethodHandle currentIndex;
    private final MethodHandle currentName;
    private final MethodHandle parent;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JacksonApi(Class<?> parserClass) {
        Object string = null;
        MethodHandle[] h = new MethodHandle[8];
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            ClassLoader loader = parserClass.getClassLoader();
            Class<?> token = Class.forName("com.fasterxml.jackson.core.JsonToken", false, loader);
            Class<?> context = Class.forName("com.fasterxml.jackson.core.JsonStreamContext", false, loader);
            string = Enum.valueOf((Class) token, "VALUE_STRING");
            h[0] = lookup.findVirtual(parserClass, "currentToken", MethodType.methodType(token))
                    .asType(MethodType.methodType(Object.class, Object.class));
            h[1] = lookup.findVirtual(parserClass, "getInputSource", MethodType.methodType(Object.class))
                    .asType(MethodType.methodType(Object.class, Object.class));
            h[2] = lookup.findVirtual(parserClass, "getParsingContext", MethodType.methodType(context))
                    .asType(MethodType.methodType(Object.class, Object.class));
            h[3] = lookup.findVirtual(context, "inRoot", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            h[4] = lookup.findVirtual(context, "inArray", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            h[5] = lookup.findVirtual(context, "getCurrentIndex", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Object.class));
            h[6] = lookup.findVirtual(context, "getCurrentName", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class));
            h[7] = lookup.findVirtual(context, "getParent", MethodType.methodType(context))
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notJackson2) {
            h[0] = null;
        }
        this.valueString = string;
        this.currentToken = h[0];
        this.inputSource = h[1];
        this.parsingContext = h[2];
        this.inRoot = h[3];
        this.inArray = h[4];
        this.currentIndex = h[5];
        this.currentName = h[6];
        this.parent = h[7];
    }

    static JacksonApi of(Class<?> parserClass) {
        return BY_PARSER.get(parserClass);
    }

    /**
     * Adds {@code value}, a string the parser just returned, to {@code inputs} as a body input named by its JSON path
     * ({@code body.url}, {@code body.items.0.name}) when the parser reads the request's own body and the value is a
     * JSON string (not a field name).
     */
    void read(Object parser, String value, RequestInputs inputs) throws Throwable {
        if (currentToken == null || (Object) currentToken.invokeExact(parser) != valueString
                || !inputs.parserReadsBody(parser, (Object) inputSource.invokeExact(parser))) {
            return;
        }
        String path = "";
        int segments = 0;
        for (Object c = (Object) parsingContext.invokeExact(parser);
             c != null && !(boolean) inRoot.invokeExact(c) && segments < MAX_SEGMENTS;
             c = (Object) parent.invokeExact(c), segments++) {
            String segment = (boolean) inArray.invokeExact(c) ? String.valueOf((int) currentIndex.invokeExact(c))
                    : (String) currentName.invokeExact(c);
            path = path.isEmpty() ? String.valueOf(segment) : segment + "." + path;
        }
        inputs.addParsed("body", path, value);
    }
}
