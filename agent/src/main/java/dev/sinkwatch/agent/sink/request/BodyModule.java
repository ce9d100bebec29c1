package dev.sinkwatch.agent.sink.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.sinkwatch.agent.bootstrap.RequestBridge;
import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.InstrumentationModule;
import net.bytebuddy.asm.Advice;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static dev.sinkwatch.agent.sink.Signatures.returns;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

/**
 * What the framework parses from a request and hands the application, added to the thread's request inputs as it is
 * handed over (so only what the application actually reads, and without consuming anything):
 *
 * <ul>
 *   <li>form fields: the values {@code getParameter}/{@code getParameterValues} return on Tomcat's and Jetty's request
 *       (source {@code body}, unless the query string already holds the value);</li>
 *   <li>JSON strings: each string value a Jackson 2 parser reading the request's body returns ({@code getText},
 *       {@code getValueAsString}, {@code nextTextValue}: what data binding, trees and {@code @RequestBody} read),
 *       named by its JSON path, {@code body.url}, {@code body.items.0.name}; a parser over anything else (a
 *       configuration file, another service's response, a string) is not the request's;</li>
 *   <li>Spring MVC {@code @PathVariable}s: the path segment holding the value is named after the variable
 *       ({@code path.id});</li>
 *   <li>the raw body ({@code getInputStream}, {@code getReader}), so that an {@code ObjectInputStream} opened directly
 *       over it is known to deserialize the request's body, and a JSON parser over it (or over filter streams over
 *       it) to parse it.</li>
 * </ul>
 *
 * <p>Cost: a thread serving no request pays one thread-local lookup per call of these methods; a request thread adds
 * at most {@link RequestInputs#MAX_INPUTS} inputs in all, each compared once with those already held.
 */
public final class BodyModule implements InstrumentationModule {

    /** Parser implementations of Jackson 2's core. */
    static final List<String> JACKSON_PARSERS = Arrays.asList("com.fasterxml.jackson.core.json.UTF8StreamJsonParser",
            "com.fasterxml.jackson.core.json.ReaderBasedJsonParser",
            "com.fasterxml.jackson.core.json.UTF8DataInputJsonParser");
    /** The containers' request classes (every facade and wrapper delegates to them). */
    static final List<String> CONTAINER_REQUESTS = Arrays.asList("org.apache.catalina.connector.Request",
            "org.eclipse.jetty.server.Request");
    static final String SPRING_PATH_VARIABLES =
            "org.springframework.web.servlet.mvc.method.annotation.PathVariableMethodArgumentResolver";

    /** The type names to keep through the type filter. */
    public static final List<String> TYPES = concat(JACKSON_PARSERS, CONTAINER_REQUESTS,
            Arrays.asList(SPRING_PATH_VARIABLES));
    // java.io.ObjectInputStream is not named here: its constructor is woven only when the deserialization sink,
    // which names it, is enabled (with that sink off, nothing reads which streams read a body).

    /** A string value a JSON parser returns, named by its path. */
    public static final class JsonString {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This JsonParser parser, @Advice.Return String value) {
            if (value == null) {
                return;
            }
            RequestInputs inputs = RequestBridge.parsing();
            if (inputs != null && parser.currentToken() == JsonToken.VALUE_STRING
                    && inputs.parserReadsBody(parser, parser.getInputSource())) {
                String path = "";
                int segments = 0;
                for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot() && segments < 8;
                     c = c.getParent(), segments++) {
                    String segment = c.inArray() ? String.valueOf(c.getCurrentIndex()) : c.getCurrentName();
                    path = path.isEmpty() ? String.valueOf(segment) : segment + "." + path;
                }
                inputs.addParsed("body", path, value);
            }
        }
    }

    /** {@code getParameter(String)}: a form field (or a query parameter, already held). */
    public static final class Parameter {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) String name, @Advice.Return String value) {
            if (value != null) {
                RequestInputs inputs = RequestBridge.parsing();
                if (inputs != null) {
                    inputs.addParsed("body", name, value);
                }
            }
        }
    }

    /** {@code getParameterValues(String)}. */
    public static final class ParameterValues {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) String name, @Advice.Return String[] values) {
            if (values != null) {
                RequestInputs inputs = RequestBridge.parsing();
                for (int i = 0; inputs != null && i < values.length && i < 16; i++) {
                    inputs.addParsed("body", name, values[i]);
                }
            }
        }
    }

    /** Spring's {@code resolveName(String name, MethodParameter, NativeWebRequest)} of a path variable. */
    public static final class PathVariable {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) String name, @Advice.Return Object value) {
            if (value instanceof String) {
                RequestInputs inputs = RequestBridge.parsing();
                if (inputs != null) {
                    inputs.namePathValue(name, (String) value);
                }
            }
        }
    }

    /** The container's {@code getInputStream()}: remembered, so an object stream over it is known to read the body. */
    public static final class BodyStream {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return Object stream) {
            RequestBridge.bodyStream(stream);
        }
    }

    /** The container's {@code getReader()}: remembered, so a JSON parser over it is known to read the body. */
    public static final class BodyReader {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return Object reader) {
            RequestBridge.bodyReader(reader);
        }
    }

    /** {@code new ObjectInputStream(InputStream)}. */
    public static final class ObjectStream {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object reader, @Advice.Argument(0) Object source) {
            RequestBridge.objectStreamOpened(reader, source);
        }
    }

    @Override
    public Set<String> typeNames() {
        return new HashSet<>(TYPES);
    }

    /** Adds the transformations. */
    @Override
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder
                .type(namedOneOf(JACKSON_PARSERS.toArray(new String[0])))
                .transform(advices.forAdvice().advice(namedOneOf("getText", "getValueAsString", "nextTextValue")
                        .and(takesArguments(0)).and(returns(String.class)), JsonString.class.getName()))
                .type(namedOneOf(CONTAINER_REQUESTS.toArray(new String[0])))
                .transform(advices.forAdvice()
                        .advice(named("getParameter").and(takesArguments(String.class)), Parameter.class.getName())
                        .advice(named("getParameterValues").and(takesArguments(String.class)),
                                ParameterValues.class.getName())
                        .advice(named("getInputStream").and(takesArguments(0)), BodyStream.class.getName())
                        .advice(named("getReader").and(takesArguments(0)), BodyReader.class.getName()))
                .type(named("java.io.ObjectInputStream"))
                .transform(advices.forAdvice().advice(isConstructor().and(takesArguments(java.io.InputStream.class)),
                        ObjectStream.class.getName()))
                .type(named(SPRING_PATH_VARIABLES))
                .transform(advices.forAdvice().advice(named("resolveName").and(takesArguments(3)),
                        PathVariable.class.getName()));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return java.util.Collections.unmodifiableList(all);
    }
}
