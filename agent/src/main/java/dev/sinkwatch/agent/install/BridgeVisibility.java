package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.bootstrap.SinkBridge;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a class loader can see the bridge on the bootstrap path. Module systems that do not delegate every
 * package to the boot loader (OSGi frameworks such as Equinox and Felix without {@code dev.sinkwatch.*} in
 * {@code org.osgi.framework.bootdelegation}, JBoss Modules without it in {@code jboss.modules.system.pkgs}) cannot
 * link a woven mark or hook: it would throw {@code NoClassDefFoundError} into the application. Classes of such
 * loaders are not woven at all (their sink calls are then not seen; docs/agent.md says how to delegate the package).
 *
 * <p>Asked once per loader ({@code Class.forName} of the bridge without initialising it), remembered weakly so a
 * discarded loader is not kept. An OSGi bundle's loader (one implementing {@code org.osgi.framework.BundleReference},
 * as Felix's and Equinox's do) is asked through its bundle's {@code Bundle.loadClass} instead: Felix's implicit boot
 * delegation answers a load from its parent whenever the code asking is not a bundle's, so {@code Class.forName}
 * from the agent found the bridge where the bundle's own classes would not ({@code OsgiBundleIT}); it never does so
 * for {@code Bundle.loadClass}. (The fooled lookup also made the JVM remember the bundle's loader as one that had
 * found the bridge, so woven marks linked while the hooks' other bootstrap classes did not.) A loader asked again
 * while its own answer is being computed (the lookup loaded a class) is treated as blind for that nested load: never
 * weaving is the safe side. Only "not found" ({@code ClassNotFoundException}, {@code NoClassDefFoundError}, also as
 * the cause of a reflective {@code Bundle.loadClass}) is remembered; any other failure of the lookup leaves that one
 * class unwoven and the loader is asked again at its next class.
 *
 * <p>Concurrency: the memo is guarded by its own lock; the lookup runs outside it.
 */
final class BridgeVisibility {

    private final Map<ClassLoader, Boolean> seen = new WeakHashMap<>();
    private final ThreadLocal<ClassLoader> asking = new ThreadLocal<>();

    boolean sees(ClassLoader loader) {
        if (loader == null) {
            return true; // the boot loader holds the bridge
        }
        synchronized (seen) {
            Boolean known = seen.get(loader);
            if (known != null) {
                return known;
            }
        }
        if (asking.get() == loader) {
            return false;
        }
        asking.set(loader);
        boolean visible;
        try {
            visible = lookUp(loader) == SinkBridge.class;
        } catch (Throwable failure) {
            Throwable cause = failure instanceof InvocationTargetException ? failure.getCause() : failure;
            if (!(cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError)) {
                return false; // a security check, a broken or closed loader: not weaving now, ask again
            }
            visible = false;
        } finally {
            asking.remove();
        }
        synchronized (seen) {
            seen.put(loader, visible);
        }
        return visible;
    }

    private static Class<?> lookUp(ClassLoader loader) throws Exception {
        Class<?> bundleReference = bundleReference(loader.getClass());
        if (bundleReference == null) {
            return Class.forName(SinkBridge.class.getName(), false, loader);
        }
        Method getBundle = bundleReference.getMethod("getBundle");
        Object bundle = getBundle.invoke(loader);
        return (Class<?>) getBundle.getReturnType().getMethod("loadClass", String.class)
                .invoke(bundle, SinkBridge.class.getName());
    }

    /** {@code org.osgi.framework.BundleReference} if the loader's class implements it, by name (nothing is loaded). */
    private static Class<?> bundleReference(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals("org.osgi.framework.BundleReference")) {
                    return implemented;
                }
            }
        }
        return null;
    }
}
