package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.InstrumentationModule;
import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.util.Enumeration;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Inbound requests (not a sink): {@code jakarta.servlet.http.HttpServlet.service(HttpServletRequest,
 * HttpServletResponse)} opens the thread's {@link RequestInputs} with the query parameters, path segments, headers
 * and cookies, and closes it when the servlet returns. Matched only where the servlet API is loaded: the type is
 * named, so nothing is looked at in a loader that cannot see it.
 *
 * <p>Nothing with a side effect is called: the query string is parsed here rather than through
 * {@code getParameter} (which would consume a form body the application may want to read itself), and cookies come
 * from the {@code Cookie} header.
 */
public final class RequestModule implements InstrumentationModule {

    /** The one type instrumented: in the {@code jakarta.} namespace the early filter rejects, so it is named. */
    private static final String SERVLET = "jakarta.servlet.http.HttpServlet";

    /** Entry and exit of {@code HttpServlet.service}. */
    public static final class ServiceAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) HttpServletRequest request) {
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
        return Set.of(SERVLET);
    }

    /** Adds the servlet transformation. */
    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder.type(named(SERVLET))
                .transform(advices.forAdvice().advice(named("service").and(takesArguments(2))
                        .and(takesArgument(0, named("jakarta.servlet.http.HttpServletRequest"))),
                        ServiceAdvice.class.getName()));
    }
}
