package dev.sinkwatch.agent.install;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleReference;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loader that does not delegate the bridge's package to where the bridge lives (here: one whose parent is the
 * platform loader, as an OSGi bundle's or a JBoss module's without boot delegation) is matched for ignoring, so its
 * classes are never woven; loaders that see the bridge, and the boot loader, are woven.
 */
class BridgeVisibilityTest {

    @Test
    void aLoaderThatCannotSeeTheBridgeIsNotWoven() throws Exception {
        BridgeVisibility visibility = new BridgeVisibility();
        try (URLClassLoader isolated = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertFalse(visibility.sees(isolated));
            assertFalse(visibility.sees(isolated), "remembered");
        }
        assertTrue(visibility.sees(BridgeVisibilityTest.class.getClassLoader()));
        assertTrue(visibility.sees(null), "the boot loader");
        try (URLClassLoader child = new URLClassLoader(new URL[0], BridgeVisibilityTest.class.getClassLoader())) {
            assertTrue(visibility.sees(child), "a loader delegating to one that sees it");
        }
    }

    @Test
    void aFailureOtherThanNotFoundIsNotRemembered() {
        BridgeVisibility visibility = new BridgeVisibility();
        FailingOnce loader = new FailingOnce(BridgeVisibilityTest.class.getClassLoader());
        assertFalse(visibility.sees(loader), "not woven while the lookup fails");
        assertTrue(visibility.sees(loader), "asked again: it sees the bridge");
    }

    /** A loader whose first lookup fails as a closed or misconfigured one would, then answers normally. */
    private static final class FailingOnce extends ClassLoader {
        private boolean failed;

        FailingOnce(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("loader closed");
            }
            return super.loadClass(name, resolve);
        }
    }

    /**
     * Felix's implicit boot delegation answers a lookup from its parent when the code asking is not a bundle's (the
     * agent's, here): the loader finds the bridge, the bundle does not. The bundle's answer is taken.
     */
    @Test
    void anOsgiBundlesLoaderIsAskedThroughItsBundle() throws Exception {
        Bundle blind = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("loadClass")) {
                        throw new ClassNotFoundException(String.valueOf(args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        try (BundleLoader loader = new BundleLoader(blind)) {
            assertTrue(Class.forName("dev.sinkwatch.agent.bootstrap.SinkBridge", false, loader) != null,
                    "the loader alone would find it");
            assertFalse(new BridgeVisibility().sees(loader));
        }
    }

    /** A loader implementing BundleReference as Felix's and Equinox's do; its parent sees the bridge. */
    private static final class BundleLoader extends URLClassLoader implements BundleReference {
        private final Bundle bundle;

        BundleLoader(Bundle bundle) {
            super(new URL[0], BridgeVisibilityTest.class.getClassLoader());
            this.bundle = bundle;
        }

        @Override
        public Bundle getBundle() {
            return bundle;
        }
    }
}
