package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.AgentLog;
import dev.sinkwatch.agent.aggregate.KeyTable;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.callsite.CallSiteMarker;
import dev.sinkwatch.agent.callsite.CallSiteRegistry;
import dev.sinkwatch.agent.callsite.StackCapture;
import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.export.ExportLoop;
import dev.sinkwatch.agent.sink.Hooks;
import dev.sinkwatch.agent.sink.HierarchyGate;
import dev.sinkwatch.agent.sink.jdbc.JdbcModule;
import dev.sinkwatch.agent.sink.InstrumentationModule;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.agent.bootstrap.RequestBridge;
import dev.sinkwatch.agent.sink.request.BlockModule;
import dev.sinkwatch.agent.sink.request.Blocker;
import dev.sinkwatch.agent.sink.TypeHeader;
import dev.sinkwatch.agent.sink.Weaving;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Builds the agent and installs it: configuration, recorder, the transformations of the modules the agent jar
 * declares ({@link AgentModules}) that {@code sinkwatch.sinks} enables, plus the call-site marker for application
 * classes, then the export thread. Runs once, from premain.
 */
public final class AgentInstaller {

    private AgentInstaller() {
    }

    public static void install(String agentArgs, Instrumentation instrumentation) throws IOException {
        long t0 = System.nanoTime();
        AgentConfig config = AgentConfig.load(agentArgs);
        AgentLog.debug(config.debug());
        for (String problem : config.problems()) {
            AgentLog.warn(problem);
        }
        AppClasses appClasses = AppClasses.of(config.appPackages());
        CallSiteRegistry callSites = new CallSiteRegistry();
        TargetTable.maxChars(config.targetMaxChars());
        Recorder recorder = new Recorder(new KeyTable(config.keysMax()), callSites,
                new StackCapture(appClasses, callSites), config.stackWalksPerSecond(), config.captureRaw());

        long t1 = System.nanoTime();
        AgentModules modules = AgentModules.load(AgentInstaller.class.getClassLoader());
        List<EnabledSink<?>> sinks = new ArrayList<>();
        for (SinkModule<?> module : modules.enabledSinks(config)) {
            sinks.add(EnabledSink.register(module, config, recorder));
        }

        Set<String> blocked = config.blockedRules();
        BlockModule block = blocked.isEmpty() ? null : new BlockModule(blocked);
        Set<String> named = new HashSet<>(modules.namedTypes(config));
        List<HierarchyGate> gates = new ArrayList<>(modules.hierarchyGates(config));
        if (block != null) {
            named.addAll(block.typeNames());
            gates.add(JdbcModule.gate()); // its SQL guards match JDBC statements and connections by hierarchy
        }
        TypeFilter typeFilter = new TypeFilter(named, appClasses.prefixes());
        long t2 = System.nanoTime();
        // The rules only: what a rule writes into a class is decided when a class it applies to is woven.
        Weaving weaving = new Weaving();
        Hooks hooks = new Hooks();
        for (EnabledSink<?> sink : sinks) {
            sink.module.instrument(weaving, hooks.forKind(sink.module.kind()));
        }
        for (InstrumentationModule module : modules.others()) {
            module.instrument(weaving, hooks);
        }
        openFilterStreams(instrumentation);
        if (block != null) { // configured, so not a declared module: woven only when sinkwatch.block lists rules
            block.instrument(weaving, hooks);
            RequestBridge.installGuard(new Blocker(blocked, recorder));
            AgentLog.info("blocking input-correlated calls of: " + String.join(",", blocked));
        }
        CallSiteMarker marker = new CallSiteMarker(appClasses, callSites);
        weaving.type(new ApplicationClass(appClasses)).transform(marker);
        long t3 = System.nanoTime();
        instrumentation.addTransformer(new EarlyRejectingTransformer(typeFilter, appClasses, gates,
                new Weaver(weaving), instrumentation, SinkBridge.class), true);
        LoadedClasses.retransform(instrumentation, typeFilter, appClasses, gates);
        long t4 = System.nanoTime();

        List<String> watched = new ArrayList<>();
        for (EnabledSink<?> sink : sinks) {
            sink.connect();
            watched.add(sink.module.kind().wireName());
        }
        SinkBridge.install(recorder);
        String version = AgentInstaller.class.getPackage().getImplementationVersion();
        ExportLoop.start(config, recorder, version == null ? "dev" : version);
        AgentLog.info("agent " + (version == null ? "dev" : version) + " watching " + String.join(",", watched)
                + "; exporter: " + config.exporter()
                + (config.exporter().equals("otlp") ? " to " + config.endpoint() : ""));
        AgentLog.info(appClasses.describe());
        AgentLog.debug("premain phases (ms): configuration and recorder " + millis(t0, t1) + ", modules and filter "
                + millis(t1, t2) + ", weaving rules " + millis(t2, t3) + ", installing and retransforming "
                + millis(t3, t4) + ", export thread " + millis(t4, System.nanoTime()));
    }

    private static long millis(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1_000_000;
    }

    private static final class ApplicationClass implements Weaving.TypeMatcher {
        private final AppClasses appClasses;

        ApplicationClass(AppClasses appClasses) {
            this.appClasses = appClasses;
        }

        @Override
        public boolean matches(TypeHeader type, ClassLoader loader) {
            return appClasses.isApp(type.name());
        }
    }

    /**
     * Opens java.io to the bridge's module (the boot loader's unnamed one: no application class is in it), so that
     * the bridge can tell a JSON parser reading the request's body through filter streams ({@code BodyModule}).
     * Without it, only a parser over the body stream itself is recognised.
     */
    private static void openFilterStreams(Instrumentation instrumentation) {
        try {
            Module javaBase = Object.class.getModule();
            instrumentation.redefineModule(javaBase, Collections.<Module>emptySet(),
                    Collections.<String, Set<Module>>emptyMap(),
                    Collections.singletonMap("java.io", Collections.singleton(RequestBridge.class.getModule())),
                    Collections.<Class<?>>emptySet(), Collections.<Class<?>, List<Class<?>>>emptyMap());
        } catch (RuntimeException e) {
            AgentLog.debug("java.io not opened to the bridge: " + e);
        }
        if (!RequestBridge.openFilterSource()) {
            AgentLog.debug("FilterInputStream.in not readable: JSON bodies read through filter streams are missed");
        }
    }
}
