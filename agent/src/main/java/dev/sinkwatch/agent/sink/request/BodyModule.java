package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.bootstrap.RequestBridge;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hook;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.InstrumentationModule;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.RETURNED;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.type;
import static dev.sinkwatch.agent.sink.Methods.isConstructor;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.namedOneOf;
import static dev.sinkwatch.agent.sink.Methods.returns;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

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
 * at most {@code RequestInputs.MAX_INPUTS} inputs in all, each compared once with those already held.
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

    @Override
    public Set<String> typeNames() {
        return new HashSet<>(TYPES);
    }

    /** Adds the transformations. */
    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder
                .typeNamed(JACKSON_PARSERS.toArray(new String[0]))
                // a string value a JSON parser returns, named by its path
                .transform(hooks.methods().on(namedOneOf("getText", "getValueAsString", "nextTextValue")
                        .and(takesArguments(0)).and(returns(String.class)), afterReturning("jsonString", SELF,
                        RETURNED, type("com.fasterxml.jackson.core.JsonParser"))))
                .typeNamed(CONTAINER_REQUESTS.toArray(new String[0]))
                .transform(hooks.methods()
                        // a form field (or a query parameter, already held)
                        .on(named("getParameter").and(takesArguments(String.class)), afterReturning("parameterRead",
                                argument(0), RETURNED))
                        .on(named("getParameterValues").and(takesArguments(String.class)),
                                afterReturning("parameterValuesRead", argument(0), RETURNED))
                        // the raw body: remembered, so an object stream or a JSON parser over it is known to read it
                        .on(named("getInputStream").and(takesArguments(0)), afterReturning("bodyStream", RETURNED))
                        .on(named("getReader").and(takesArguments(0)), afterReturning("bodyReader", RETURNED)))
                .typeNamed("java.io.ObjectInputStream")
                .transform(hooks.methods().on(isConstructor().and(takesArguments(java.io.InputStream.class)),
                        afterReturning("objectStreamOpened", SELF, argument(0))))
                .typeNamed(SPRING_PATH_VARIABLES) // resolveName(String name, MethodParameter, NativeWebRequest)
                .transform(hooks.methods().on(named("resolveName").and(takesArguments(3)),
                        afterReturning("pathVariableResolved", argument(0), RETURNED)));
    }

    private static Hook afterReturning(String bridgeMethod, BridgeCall.Value... values) {
        return Hook.atExit(BridgeCall.of(RequestBridge.class, bridgeMethod, values));
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
