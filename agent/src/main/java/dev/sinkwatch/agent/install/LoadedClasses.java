package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.AgentLog;
import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.sink.HierarchyGate;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The classes loaded before the transformer was installed that it may weave (the JDK's sink classes at premain;
 * application classes and JDBC implementations too when the agent is attached late), found as the transformer's
 * early checks find them (by name and loader with the {@link TypeFilter}, then the types matched by name, the
 * application's, and those a module's {@link HierarchyGate} says may match, asked by reflection: a loaded class's
 * supertypes are loaded) and retransformed, so that they pass the transformer like a class loaded afterwards.
 * Byte Buddy's discovery handed it every loaded class (about a thousand at premain) to describe and match.
 *
 * <p>Passes repeat until one finds no new class: a class loaded while the transformer was weaving another is left
 * alone by it, and is picked up by the next pass.
 */
final class LoadedClasses {
    private static final int MAX_PASSES = 10;

    private LoadedClasses() {
    }

    static void retransform(Instrumentation instrumentation, TypeFilter filter, AppClasses appClasses,
                            List<HierarchyGate> gates) {
        Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<Class<?>> batch = new ArrayList<>();
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                if (!seen.contains(type) && !type.isArray() && !type.isPrimitive()
                        && !filter.ignores(type.getName(), type.getClassLoader())
                        && mayBeWoven(type, filter, appClasses, gates) && instrumentation.isModifiableClass(type)) {
                    seen.add(type);
                    batch.add(type);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            retransform(instrumentation, batch);
        }
    }

    private static boolean mayBeWoven(Class<?> type, TypeFilter filter, AppClasses appClasses,
                                      List<HierarchyGate> gates) {
        String name = type.getName();
        if (filter.isNamedType(name) || appClasses.isApp(name)) {
            return true;
        }
        try {
            for (HierarchyGate gate : gates) {
                if (gate.mayMatch(type)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException | LinkageError unexpected) {
            return true; // the transformer's own matchers decide
        }
    }

    /** All at once; if the JVM refuses the batch, one by one, so one class it refuses leaves the others woven. */
    private static void retransform(Instrumentation instrumentation, List<Class<?>> batch) {
        try {
            instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
        } catch (Throwable batchFailed) {
            for (Class<?> type : batch) {
                try {
                    instrumentation.retransformClasses(type);
                } catch (Throwable failed) {
                    AgentLog.debug("could not instrument " + type.getName() + ": " + failed);
                }
            }
        }
    }
}
