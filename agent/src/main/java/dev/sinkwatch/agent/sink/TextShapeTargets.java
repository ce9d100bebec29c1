package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.contract.SinkKind;

import java.util.Map;

/**
 * Resolves a kind whose target is one text (an LDAP filter, an XPath expression) to its shape, with no other
 * attribute. A module subclasses it with its normaliser, as an anonymous class: a lambda would spin up the lambda
 * machinery during premain.
 */
public abstract class TextShapeTargets implements TargetResolver {
    private final SinkKind kind;
    private final TargetTable table;

    protected TextShapeTargets(SinkKind kind) {
        this.kind = kind;
        this.table = new TargetTable(kind.wireName(), 5_000);
    }

    /** The text's shape: what the target is exported as. */
    protected abstract String shape(String text);

    @Override
    public final String kind() {
        return kind.wireName();
    }

    @Override
    public final Target resolve(int operation, Object target, Object context, ThreadState state) {
        return table.intern(shape((String) target));
    }

    @Override
    public final void attributes(ThreadState state, int operation, Target resolved, Object target, Object context,
                                 Map<String, Object> into) {
    }

    @Override
    public final String raw(ThreadState state, Object target, Object context) {
        return (String) target;
    }
}
