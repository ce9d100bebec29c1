package dev.sinkwatch.agent.sink;

import java.util.Set;

/**
 * What the agent weaves: the types a module matches and the hooks it writes into their methods. Modules are not
 * listed in code: each is named in the agent jar's {@code META-INF/services} (under this interface's name, or
 * {@link SinkModule}'s for sinks) and found at start-up with {@link java.util.ServiceLoader}. A provider needs a
 * public no-argument constructor that does nothing else: it runs in premain.
 */
public interface InstrumentationModule {

    /**
     * The binary names of the types matched by exact name. The early name-based filter lets exactly these through
     * where it rejects the namespace (the JDK, {@code jakarta.}); types matched by their hierarchy (JDBC drivers
     * and pools, in namespaces the filter keeps) are not listed.
     */
    Set<String> typeNames();

    /**
     * For a module that matches types by hierarchy (not by name, not as application code): whether a class could
     * match, from its direct supertypes. {@code null}, the default, for a module that matches nothing that way.
     */
    default HierarchyGate hierarchyGate() {
        return null;
    }

    /** Adds the module's type and method matchers, each with its hooks. */
    Weaving instrument(Weaving builder, Hooks hooks);
}
