package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.AgentLog;
import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.sink.HierarchyGate;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.AccessControlContext;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The agent's one class-file transformer: every class the JVM loads or retransforms passes here. Two early checks
 * come first. By name and loader: a class the {@link TypeFilter} rejects costs one trie walk and is never described.
 * Then, for a library class that is neither application code nor a type matched by name, by its header: its direct
 * supertypes are read from the class file ({@link ClassHeader}) and the enabled modules' {@link HierarchyGate}s say
 * whether it could match; only if one says yes (or the header cannot be read) is it described. Classes of a loader
 * that cannot see the bridge are left alone ({@link BridgeVisibility}). What passes goes to the {@link Weaver}.
 *
 * <p>Never throws: a class that cannot be woven is left as it was (and named with {@code sinkwatch.debug}). A class
 * loaded while this thread is already weaving one (by the agent's own code) is left alone too, as Byte Buddy's
 * circularity lock did: at start-up the retransformation picks it up afterwards. A woven class in a named module
 * (the JDK's) is made to read the bridge's module.
 *
 * <p>Under a security manager (Java 17, Tomcat's {@code -security}) the work runs privileged, with the access
 * context captured when the agent was installed, as Byte Buddy's transformer did: reading supertypes' class files
 * from the agent's and the application's jars is then checked against the agent's permissions, not those of
 * whatever code triggered the class load. Without one (always, from Java 24) no privileged frame is pushed.
 */
final class EarlyRejectingTransformer implements ClassFileTransformer {
    private final TypeFilter filter;
    private final AppClasses appClasses;
    private final List<HierarchyGate> gates;
    private final BridgeVisibility bridgeVisibility = new BridgeVisibility();
    private final Weaver weaver;
    private final Instrumentation instrumentation;
    private final Module bridgeModule;
    private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();
    @SuppressWarnings("removal") // the security manager's API, deprecated for removal but still there on 17 to 25
    private final AccessControlContext installContext = AccessController.getContext();

    EarlyRejectingTransformer(TypeFilter filter, AppClasses appClasses, List<HierarchyGate> gates, Weaver weaver,
                              Instrumentation instrumentation, Class<?> bridge) {
        this.filter = filter;
        this.appClasses = appClasses;
        this.gates = gates;
        this.weaver = weaver;
        this.instrumentation = instrumentation;
        this.bridgeModule = bridge.getModule();
    }

    @Override
    @SuppressWarnings("removal") // see installContext
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (System.getSecurityManager() == null) {
            return transform(module, loader, internalName, classBeingRedefined, classFile);
        }
        return AccessController.doPrivileged(
                new Privileged(module, loader, internalName, classBeingRedefined, classFile), installContext);
    }

    /** A named class, not a lambda: no lambda is spun inside the transformer. */
    private final class Privileged implements PrivilegedAction<byte[]> {
        private final Module module;
        private final ClassLoader loader;
        private final String internalName;
        private final Class<?> classBeingRedefined;
        private final byte[] classFile;

        Privileged(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                   byte[] classFile) {
            this.module = module;
            this.loader = loader;
            this.internalName = internalName;
            this.classBeingRedefined = classBeingRedefined;
            this.classFile = classFile;
        }

        @Override
        public byte[] run() {
            return transform(module, loader, internalName, classBeingRedefined, classFile);
        }
    }

    private byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                             byte[] classFile) {
        boolean outermost = false;
        try {
            if (rejects(loader, internalName, classBeingRedefined, classFile) || weaving.get() != null) {
                return null;
            }
            outermost = true;
            weaving.set(Boolean.TRUE);
            if (!bridgeVisibility.sees(loader)) {
                return null; // OSGi bundles, JBoss modules that do not delegate dev.sinkwatch.* to the boot loader
            }
            byte[] woven = weaver.weave(loader, internalName, classFile);
            if (woven != null) {
                readBridge(module != null || classBeingRedefined == null ? module : classBeingRedefined.getModule());
                AgentLog.debug("instrumented " + internalName.replace('/', '.'));
            }
            return woven;
        } catch (Throwable failure) {
            AgentLog.debug("could not instrument " + String.valueOf(internalName).replace('/', '.') + ": " + failure);
            return null;
        } finally {
            if (outermost) {
                weaving.remove();
            }
        }
    }

    /** JDK classes in named modules must read the bootstrap bridge's (unnamed) module to link the woven calls. */
    private void readBridge(Module module) {
        if (module != null && module.isNamed() && !module.canRead(bridgeModule)) {
            instrumentation.redefineModule(module, Set.of(bridgeModule), Collections.emptyMap(),
                    Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        }
    }

    private boolean rejects(ClassLoader loader, String internalName, Class<?> classBeingRedefined, byte[] classFile) {
        if (filter.ignores(internalName, loader)) {
            return true;
        }
        if (classBeingRedefined != null || filter.isNamedType(internalName)) {
            return false;
        }
        String className = internalName.replace('/', '.');
        if (appClasses.isApp(className)) {
            return false;
        }
        String[] supertypes = ClassHeader.supertypes(classFile);
        if (supertypes == null) {
            return false;
        }
        try {
            for (HierarchyGate gate : gates) {
                if (gate.mayMatch(loader, className, supertypes)) {
                    return false;
                }
            }
        } catch (RuntimeException unexpected) {
            return false; // never decide on a broken answer: the modules' own matchers still run
        }
        return true;
    }
}
