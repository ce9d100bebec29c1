package dev.sinkwatch.agent.sink;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Where advice classes are read from when advice is built for a type of a given loader: the agent's loader first,
 * then that loader (which may be the only one that sees the types an advice names). For the JDK's loaders (boot
 * and platform), whose types (the JDK's sink classes) most advice is built for and which live as long as the JVM,
 * one type pool each is kept and shared, so each advice class file is read and parsed once per loader; for other
 * loaders a pool lives as long as the one advice built from it.
 */
final class AdviceTypes {
    static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    private final ClassLoader agentLoader;
    private TypePool forBootLoader;
    private TypePool forPlatformLoader;

    AdviceTypes(ClassLoader agentLoader) {
        this.agentLoader = agentLoader;
    }

    ClassFileLocator locator(ClassLoader loader) {
        return new ClassFileLocator.Compound(ClassFileLocator.ForClassLoader.of(agentLoader),
                ClassFileLocator.ForClassLoader.of(loader));
    }

    /** A type pool over {@link #locator}'s class files. */
    synchronized TypePool pool(ClassLoader loader) {
        if (loader == null) {
            if (forBootLoader == null) {
                forBootLoader = newPool(null);
            }
            return forBootLoader;
        }
        if (loader == PLATFORM) {
            if (forPlatformLoader == null) {
                forPlatformLoader = newPool(loader);
            }
            return forPlatformLoader;
        }
        return newPool(loader);
    }

    private TypePool newPool(ClassLoader loader) {
        return new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                locator(loader), TypePool.Default.ReaderMode.FAST);
    }
}
