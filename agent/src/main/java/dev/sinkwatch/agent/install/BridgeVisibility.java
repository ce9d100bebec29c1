package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a class loader can see the bridge on the bootstrap path. Module systems that do not delegate every
 * package to the boot loader (OSGi frameworks such as Equinox and Felix without {@code dev.sinkwatch.*} in
 * {@code org.osgi.framework.bootdelegation}, JBoss Modules without it in {@code jboss.modules.system.pkgs}) cannot
 * link a woven mark or advice: it would throw {@code NoClassDefFoundError} into the application. Classes of such
 * loaders are not woven at all (their sink calls are then not seen; docs/agent.md says how to delegate the package).
 *
 * <p>Asked once per loader ({@code Class.forName} of the bridge without initialising it), remembered weakly so a
 * discarded loader is not kept. A loader asked again while its own answer is being computed (the lookup loaded a
 * class) is treated as blind for that nested load: never weaving is the safe side.
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
            visible = Class.forName(SinkBridge.class.getName(), false, loader) == SinkBridge.class;
        } catch (Throwable notVisible) { // ClassNotFoundException, or whatever a module system's loader throws
            visible = false;
        } finally {
            asking.remove();
        }
        synchronized (seen) {
            seen.put(loader, visible);
        }
        return visible;
    }
}
