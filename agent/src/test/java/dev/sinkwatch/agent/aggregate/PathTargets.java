package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.ThreadState;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The recorder tests' file resolver: paths as they are, through a real target table, counting what it resolves. */
final class PathTargets implements TargetResolver {
    final TargetTable table = new TargetTable("file", 100);
    final AtomicInteger resolved = new AtomicInteger();

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        resolved.incrementAndGet();
        return table.intern(target.toString());
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context,
                           Map<String, Object> into) {
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return target.toString();
    }
}
