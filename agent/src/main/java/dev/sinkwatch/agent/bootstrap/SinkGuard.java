package dev.sinkwatch.agent.bootstrap;

/**
 * Decides, before a sink runs, whether the call must be blocked ({@code sinkwatch.block}). Implemented by the agent;
 * only installed when blocking is on. Called only on threads serving a request.
 *
 * <p>Implementations must never throw and never block.
 */
public interface SinkGuard {

    /**
     * @param rawTarget the target as the hook has it (SQL text, command list, address, path, name)
     * @param rawText   the target as text, or null when {@code rawTarget} is not text (a command list, an address)
     * @return the exception to throw instead of running the sink (already recorded), or null to let it run
     */
    RuntimeException check(ThreadState state, int operation, Object rawTarget, String rawText);
}
