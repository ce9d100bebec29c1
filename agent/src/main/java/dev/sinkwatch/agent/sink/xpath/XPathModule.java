package dev.sinkwatch.agent.sink.xpath;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.normalize.XPathShape;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.agent.sink.TextShapeTargets;
import dev.sinkwatch.contract.SinkKind;

import java.util.Set;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.NULL;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.namedOneOf;
import static dev.sinkwatch.agent.sink.Methods.takesArgument;

/**
 * XPath expressions: the JDK's {@code javax.xml.xpath.XPath} implementation
 * ({@code com.sun.org.apache.xpath.internal.jaxp.XPathImpl}, what {@code XPathFactory.newInstance()} gives),
 * {@code compile(String)} and {@code evaluate}/{@code evaluateExpression} with the expression as text. Matched by
 * name, not by the {@code XPath} interface: a hierarchy match would describe every class loaded at start-up.
 * Another implementation on the class path (Saxon, Jaxen) is not watched. Targets: a {@link TextShapeTargets} of
 * {@link XPathShape}.
 */
public final class XPathModule implements SinkModule<TextShapeTargets> {
    private static final String XPATH_IMPL = "com.sun.org.apache.xpath.internal.jaxp.XPathImpl";

    @Override
    public SinkKind kind() {
        return SinkKind.XPATH;
    }

    @Override
    public TextShapeTargets newResolver(AgentConfig config) {
        return new TextShapeTargets(SinkKind.XPATH) {
            @Override
            protected String shape(String text) {
                return XPathShape.normalise(text);
            }
        };
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(XPATH_IMPL);
    }

    @Override
    public Weaving instrument(Weaving builder, Hooks hooks) {
        return builder.typeNamed(XPATH_IMPL)
                .transform(hooks.methods()
                        .on(named("compile").and(takesArgument(0, String.class)),
                                hooks.sink(Ops.XPATH_COMPILE, argument(0), NULL))
                        .on(namedOneOf("evaluate", "evaluateExpression").and(takesArgument(0, String.class)),
                                hooks.sink(Ops.XPATH_EVALUATE, argument(0), NULL)));
    }
}
