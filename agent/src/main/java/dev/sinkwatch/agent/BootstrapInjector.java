package dev.sinkwatch.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the classes of {@code dev.sinkwatch.agent.bootstrap} (the bridge that woven JDK and application code
 * calls) on the bootstrap class path, and only those: the rest of the agent stays in the system class loader,
 * relocated so that it cannot clash with the application's libraries.
 *
 * <p>Must run before anything loads a bootstrap-package class, or the system class loader would define a second
 * copy the JDK's classes cannot see.
 */
final class BootstrapInjector {
    private static final String PACKAGE = "dev/sinkwatch/agent/bootstrap/";

    private BootstrapInjector() {
    }

    static void inject(Instrumentation instrumentation) throws IOException, URISyntaxException {
        File agentJar = new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File bridgeJar;
        try {
            bridgeJar = File.createTempFile("sinkwatch-bootstrap", ".jar");
        } catch (IOException e) {
            throw new IOException("cannot write the bridge jar to java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
        }
        java.util.List<String> classNames = new java.util.ArrayList<>();
        try (JarFile source = new JarFile(agentJar, false);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(bridgeJar.toPath()))) {
            int copied = 0;
            for (Enumeration<JarEntry> entries = source.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PACKAGE) && entry.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        copy(in, out);
                    }
                    out.closeEntry();
                    copied++;
                    String name = entry.getName();
                    classNames.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
            if (copied == 0) {
                throw new IOException("no bridge classes under " + PACKAGE + " in " + agentJar);
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar));
        // Load every bridge class now, then delete the file (the JVM keeps it open): no temp file outlives the
        // agent, and no application-visible file operation of the agent's happens later (a delete-on-exit would).
        try {
            for (String className : classNames) {
                Class.forName(className, false, null);
            }
        } catch (ClassNotFoundException e) {
            throw new IOException("bridge class not found on the bootstrap path after appending " + bridgeJar, e);
        } finally {
            if (!bridgeJar.delete()) {
                bridgeJar.deleteOnExit();
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
    }
}
