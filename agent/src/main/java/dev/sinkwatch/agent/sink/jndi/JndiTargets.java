package dev.sinkwatch.agent.sink.jndi;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.JndiName;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;

import java.util.Map;

/** Resolves JNDI targets: a name to its {@link JndiName} form, its URL scheme as an attribute. */
final class JndiTargets implements TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.JNDI.wireName(), 5_000);

    @Override
    public String kind() {
        return SinkKind.JNDI.wireName();
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        return table.intern(JndiName.normalise(target.toString()));
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        String scheme = JndiName.scheme(target.toString());
        if (!scheme.isEmpty()) {
            into.put(SinkAttributes.URL_SCHEME, scheme);
        }
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return target.toString();
    }
}
