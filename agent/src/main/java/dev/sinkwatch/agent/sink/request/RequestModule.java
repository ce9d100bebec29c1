package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.bootstrap.RequestBridge;
import dev.sinkwatch.agent.sink.BridgeCall;
import dev.sinkwatch.agent.sink.Hook;
import dev.sinkwatch.agent.sink.HookSet;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.InstrumentationModule;
import dev.sinkwatch.agent.sink.Weaving;

import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.type;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;

/**
 * Inbound requests (not a sink): {@code HttpServlet.service(HttpServletRequest, HttpServletResponse)}, of the
 * {@code jakarta.servlet} API and of the older {@code javax.servlet} one, opens the thread's request inputs with the
 * query parameters, path segments, headers and cookies ({@code RequestBridge.serviceBegin}), and closes them when the
 * servlet returns or throws. Matched only where a servlet API is loaded: the types are named, so nothing is looked at
 * in a loader that cannot see them.
 */
public final class RequestModule implements InstrumentationModule {

    /** The types instrumented, one per servlet API: in namespaces the early filter rejects, so they are named. */
    private static final Set<String> SERVLETS = Set.of("jakarta.servlet.http.HttpServlet",
            "javax.servlet.http.HttpServlet");

    @Override
    public Set<String> typeNames() {
        return SERVLETS;
    }

    /** Adds the servlet transformations. */
    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder
                .typeNamed("jakarta.servlet.http.HttpServlet")
                .transform(service(hooks, "jakarta.servlet.http.HttpServletRequest"))
                .typeNamed("javax.servlet.http.HttpServlet")
                .transform(service(hooks, "javax.servlet.http.HttpServletRequest"));
    }

    private static HookSet service(Hooks hooks, String requestInterface) {
        return hooks.methods().on(named("service").and(takesArguments(2)).and(takesArgument(0, requestInterface)),
                Hook.around(BridgeCall.of(RequestBridge.class, "serviceBegin", argument(0), type(requestInterface)),
                        BridgeCall.of(RequestBridge.class, "serviceEnd")));
    }
}
