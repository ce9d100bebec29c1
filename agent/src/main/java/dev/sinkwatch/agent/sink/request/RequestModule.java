package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.InstrumentationModule;
import net.bytebuddy.asm.Advice;

import java.util.Enumeration;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static dev.sinkwatch.agent.sink.Signatures.takesArgument;
import static dev.sinkwatch.agent.sink.Signatures.takesArguments;

/**
 * Inbound requests (not a sink): {@code HttpServlet.service(HttpServletRequest, HttpServletResponse)}, of the
 * {@code jakarta.servlet} API and of the older {@code javax.servlet} one, opens the thread's {@link RequestInputs}
 * with the query parameters, path segments, headers and cookies, and closes it when the servlet returns. Matched only
 * where a servlet API is loaded: the types are named, so nothing is looked at in a loader that cannot see them.
 *
 * <p>Nothing with a side effect is called: the query string is parsed here rather than through
 * {@code getParameter} (which would consume a form body the application may want to read itself), and cookies come
 * from the {@code Cookie} header.
 */
public final class RequestModule implements InstrumentationModule {

    /** The types instrumented, one per servlet API: in namespaces the early filter rejects, so they are named. */
    private static final Set<String> SERVLETS = Set.of("jakarta.servlet.http.HttpServlet",
            "javax.servlet.http.HttpServlet");

    /** Entry and exit of {@code jakarta.servlet.http.HttpServlet.service}. */
    public static final class JakartaService {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) jakarta.servlet.http.HttpServletRequest request) {
            RequestInputs inputs = SinkBridge.requestBegin();
            if (inputs != null) {
                inputs.addQuery(request.getQueryString());
                inputs.addPath(request.getRequestURI());
                Enumeration<String> names = request.getHeaderNames();
                while (names != null && names.hasMoreElements() && !inputs.full()) {
                    String name = names.nextElement();
                    inputs.addHeader(name, request.getHeader(name));
                }
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit() {
            SinkBridge.requestEnd();
        }
    }

    /** Entry and exit of {@code javax.servlet.http.HttpServlet.service}: the same, on the older API's types. */
    public static final class JavaxService {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) javax.servlet.http.HttpServletRequest request) {
            RequestInputs inputs = SinkBridge.requestBegin();
            if (inputs != null) {
                inputs.addQuery(request.getQueryString());
                inputs.addPath(request.getRequestURI());
                Enumeration<String> names = request.getHeaderNames();
                while (names != null && names.hasMoreElements() && !inputs.full()) {
                    String name = names.nextElement();
                    inputs.addHeader(name, request.getHeader(name));
                }
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit() {
            SinkBridge.requestEnd();
        }
    }

    @Override
    public Set<String> typeNames() {
        return SERVLETS;
    }

    /** Adds the servlet transformations. */
    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder
                .type(named("jakarta.servlet.http.HttpServlet"))
                .transform(hooks.inlinedAdvice().advice(named("service").and(takesArguments(2))
                        .and(takesArgument(0, named("jakarta.servlet.http.HttpServletRequest"))),
                        JakartaService.class.getName()))
                .type(named("javax.servlet.http.HttpServlet"))
                .transform(hooks.inlinedAdvice().advice(named("service").and(takesArguments(2))
                        .and(takesArgument(0, named("javax.servlet.http.HttpServletRequest"))),
                        JavaxService.class.getName()));
    }
}
