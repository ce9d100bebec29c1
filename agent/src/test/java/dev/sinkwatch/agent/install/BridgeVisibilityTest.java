package dev.sinkwatch.agent.install;

import org.junit.jupiter.api.Test;

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
}
