package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import net.bytebuddy.asm.Advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The entry half of every sink advice: raise the thread's sink depth for the sink's kind (and, for the outermost
 * call of that kind, take its start time). The exit half, one class per operation, hands the state to {@code SinkBridge.exit}.
 */
public final class SinkEnter {
    private SinkEnter() {
    }

    /** The sink's kind (a tens digit of {@code Ops}), bound as a constant per module by {@link Advices#forKind}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Kind {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ThreadState enter(@Kind int kind) {
        return SinkBridge.enter(kind);
    }
}
