package dev.sinkwatch.agent.sink.xpath;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.normalize.XPathShape;
import dev.sinkwatch.agent.sink.Advices;
import dev.sinkwatch.agent.sink.Weaving;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.agent.sink.TextShapeTargets;
import dev.sinkwatch.contract.SinkKind;
import net.bytebuddy.asm.Advice;

import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static dev.sinkwatch.agent.sink.Signatures.takesArgument;

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

    public static final class CompileAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Argument(0) String expression,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.XPATH_COMPILE, expression, null, error);
        }
    }

    public static final class EvaluateAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter ThreadState s, @Advice.Argument(0) String expression,
                                @Advice.Thrown Throwable error) {
            SinkBridge.exit(s, Ops.XPATH_EVALUATE, expression, null, error);
        }
    }

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
    public Weaving instrument(Weaving builder, Advices advices) {
        return builder.type(named(XPATH_IMPL))
                .transform(advices.forAdvice()
                        .advice(named("compile").and(takesArgument(0, String.class)), Advices.ENTER,
                                CompileAdvice.class.getName())
                        .advice(namedOneOf("evaluate", "evaluateExpression").and(takesArgument(0, String.class)),
                                Advices.ENTER, EvaluateAdvice.class.getName()));
    }
}
