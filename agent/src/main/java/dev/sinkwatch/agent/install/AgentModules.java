package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.HierarchyGate;
import dev.sinkwatch.agent.sink.InstrumentationModule;
import dev.sinkwatch.agent.sink.SinkModule;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The modules the agent jar declares, found with {@link ServiceLoader}: the sinks under
 * {@code META-INF/services/dev.sinkwatch.agent.sink.SinkModule}, what is woven besides them under
 * {@code ...InstrumentationModule}, each in the order its file lists it.
 *
 * <p>Only the agent jar is looked in. {@code ServiceLoader} asks its class loader for every copy of a services
 * file, and the system class loader (which loads the agent) would search the application's whole class path for
 * it, opening every jar, before reaching the agent jar appended at its end. {@link AgentJarOnly} answers resource
 * lookups from the agent jar alone (a jar the JVM already has open) and leaves class loading to the agent's own
 * loader, so every provider is defined there, once, like the rest of the agent.
 */
final class AgentModules {
    private final List<SinkModule<?>> sinks;
    private final List<InstrumentationModule> others;

    private AgentModules(List<SinkModule<?>> sinks, List<InstrumentationModule> others) {
        this.sinks = Collections.unmodifiableList(sinks);
        this.others = Collections.unmodifiableList(others);
    }

    /** Every module the agent's code source declares, loaded with (defined by) {@code agentLoader}. */
    static AgentModules load(ClassLoader agentLoader) throws IOException {
        CodeSource source = AgentModules.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) { // not from a jar or directory: ask the loader itself
            return load(agentLoader, agentLoader);
        }
        try (AgentJarOnly agentJar = new AgentJarOnly(source.getLocation(), agentLoader)) {
            return load(agentJar, agentLoader);
        }
    }

    private static AgentModules load(ClassLoader lookup, ClassLoader agentLoader) {
        List<SinkModule<?>> sinks = new ArrayList<>();
        for (SinkModule<?> module : ServiceLoader.load(SinkModule.class, lookup)) {
            sinks.add(module);
        }
        List<InstrumentationModule> others = new ArrayList<>();
        for (InstrumentationModule module : ServiceLoader.load(InstrumentationModule.class, lookup)) {
            others.add(module);
        }
        if (sinks.isEmpty()) {
            throw new IllegalStateException("no sink module found in META-INF/services of " + describe(agentLoader));
        }
        return new AgentModules(sinks, others);
    }

    private static String describe(ClassLoader loader) {
        CodeSource source = AgentModules.class.getProtectionDomain().getCodeSource();
        return source == null ? String.valueOf(loader) : String.valueOf(source.getLocation());
    }

    /** The sink modules, whether {@code sinkwatch.sinks} enables them or not. */
    List<SinkModule<?>> sinks() {
        return sinks;
    }

    /** The modules woven besides sinks, always (the request module). */
    List<InstrumentationModule> others() {
        return others;
    }

    /** The sink modules {@code sinkwatch.sinks} enables, in their declared order. */
    List<SinkModule<?>> enabledSinks(AgentConfig config) {
        List<SinkModule<?>> enabled = new ArrayList<>();
        for (SinkModule<?> module : sinks) {
            if (config.sinkEnabled(module.kind().wireName())) {
                enabled.add(module);
            }
        }
        return enabled;
    }

    /**
     * The types the enabled modules match by name, for the early {@link TypeFilter}: a disabled kind's types are not
     * among them, so they are rejected by name like the rest of the JDK and left untouched.
     */
    Set<String> namedTypes(AgentConfig config) {
        Set<String> names = new HashSet<>();
        for (SinkModule<?> module : enabledSinks(config)) {
            names.addAll(module.typeNames());
        }
        for (InstrumentationModule module : others) {
            names.addAll(module.typeNames());
        }
        return names;
    }

    /** The hierarchy gates of the enabled modules that match types by hierarchy. */
    List<HierarchyGate> hierarchyGates(AgentConfig config) {
        List<HierarchyGate> gates = new ArrayList<>();
        List<InstrumentationModule> modules = new ArrayList<>(enabledSinks(config));
        modules.addAll(others);
        for (InstrumentationModule module : modules) {
            HierarchyGate gate = module.hierarchyGate();
            if (gate != null) {
                gates.add(gate);
            }
        }
        return gates;
    }

    /**
     * Resources from the agent's code source alone; classes from the agent's loader (its parent, asked first, which
     * finds every class of the agent). Closed once the modules are loaded.
     */
    private static final class AgentJarOnly extends URLClassLoader {
        AgentJarOnly(URL agentCodeSource, ClassLoader agentLoader) {
            super(new URL[]{agentCodeSource}, agentLoader);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return findResources(name);
        }

        @Override
        public URL getResource(String name) {
            return findResource(name);
        }
    }
}
