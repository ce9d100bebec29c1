package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import net.bytebuddy.asm.Advice;

/**
 * The entry half of every sink advice: raise the thread's sink depth (and, for the outermost call, take its start
 * time). The exit half, one class per operation, hands the state to {@code SinkBridge.exit}.
 */
public final class SinkEnter {
    private SinkEnter() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ThreadState enter() {
        return SinkBridge.enter();
    }
}
