package dev.sinkwatch.agent.sink;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Where advice classes are read from when advice is built for a type of a given loader: the agent's loader first,
 * then that loader (which may be the only one that sees the types an advice names). For the boot loader, whose
 * types (the JDK's sink classes) most advice is built for, one type pool is kept and shared, so each advice class
 * file is read and parsed once; for other loaders a pool lives as long as the one advice built from it.
 */
final class AdviceTypes {
    private final ClassLoader agentLoader;
    private TypePool forBootLoader;

    AdviceTypes(ClassLoader agentLoader) {
        this.agentLoader = agentLoader;
    }

    ClassFileLocator locator(ClassLoader loader) {
        return new ClassFileLocator.Compound(ClassFileLocator.ForClassLoader.of(agentLoader),
                ClassFileLocator.ForClassLoader.of(loader));
    }

    /** A type pool over {@link #locator}'s class files. */
    synchronized TypePool pool(ClassLoader loader) {
        if (loader != null) {
            return newPool(loader);
        }
        if (forBootLoader == null) {
            forBootLoader = newPool(null);
        }
        return forBootLoader;
    }

    private TypePool newPool(ClassLoader loader) {
        return new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                locator(loader), TypePool.Default.ReaderMode.FAST);
    }
}
