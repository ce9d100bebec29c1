package dev.sinkwatch.agent.sink.ldap;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.LdapFilter;
import dev.sinkwatch.contract.SinkKind;

import java.util.Map;

/** Resolves LDAP filter targets: the text to its {@link LdapFilter} shape, with no other attribute. */
final class LdapTargets implements TargetResolver {
    private final TargetTable table = new TargetTable(SinkKind.LDAP.wireName(), 5_000);

    @Override
    public String kind() {
        return SinkKind.LDAP.wireName();
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        return table.intern(LdapFilter.normalise((String) target));
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context,
                           Map<String, Object> into) {
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        return (String) target;
    }
}
