package com.example.osgi.host;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Starts the OSGi framework on the class path (Apache Felix or Eclipse Equinox, found as the standard launch
 * {@code FrameworkFactory} service), installs and starts one bundle, and stops the framework. Like the frameworks'
 * own launchers, the framework property {@code org.osgi.framework.bootdelegation} is taken from the system property
 * of that name when given. Prints the bundle's state, or the exception its start threw. Usage: OsgiHost bundle.jar
 */
public final class OsgiHost {
    public static void main(String[] args) throws Exception {
        Path storage = Files.createTempDirectory("sw-felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        String bootDelegation = System.getProperty(Constants.FRAMEWORK_BOOTDELEGATION);
        if (bootDelegation != null) {
            config.put(Constants.FRAMEWORK_BOOTDELEGATION, bootDelegation);
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try {
            Bundle bundle = framework.getBundleContext().installBundle(Path.of(args[0]).toUri().toString());
            try {
                bundle.start();
                System.out.println("bundle state: " + (bundle.getState() == Bundle.ACTIVE ? "ACTIVE" : bundle.getState()));
            } catch (BundleException failed) {
                System.out.println("bundle start failed: " + failed.getCause());
                failed.printStackTrace();
            }
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
