package dev.sinkwatch.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the classes of {@code dev.sinkwatch.agent.bootstrap} (the bridge that woven JDK and application code
 * calls) in the bootstrap class loader, and only those: the rest of the agent stays in the system class loader,
 * relocated so that it cannot clash with the application's libraries.
 *
 * <p>The classes are defined directly in the boot loader (the JDK's internal {@code Unsafe.defineClass}, reached by
 * exporting its package to the agent through {@link Instrumentation#redefineModule}), not by appending a jar to the
 * boot class path: an appended boot class path makes the JVM give up class data sharing (CDS, AppCDS, the AOT cache)
 * for every class outside the boot loader ("Sharing is only supported for boot loader classes"). If the direct
 * definition is unavailable, the jar is appended as before.
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
        Map<String, byte[]> classes = bridgeClasses(agentJar);
        if (classes.isEmpty()) {
            throw new IOException("no bridge classes under " + PACKAGE + " in " + agentJar);
        }
        try {
            defineInBootLoader(instrumentation, classes);
            return;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.info("defining the bridge in the boot loader failed (" + e + "); appending it to the boot "
                    + "class path instead, which turns class data sharing off for non-boot classes");
        }
        appendToBootClassPath(instrumentation, classes);
    }

    private static Map<String, byte[]> bridgeClasses(File agentJar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile source = new JarFile(agentJar, false)) {
            for (Enumeration<JarEntry> entries = source.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(PACKAGE) && name.endsWith(".class")) {
                    try (InputStream in = source.getInputStream(entry)) {
                        classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                                in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    /**
     * {@code jdk.internal.misc.Unsafe.defineClass(name, bytes, 0, length, null, null)} for each class, in as many
     * rounds as it takes for every superclass to be defined before its subclasses.
     */
    private static void defineInBootLoader(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Collections.<Module>emptySet(),
                Collections.singletonMap("jdk.internal.misc", Collections.singleton(BootstrapInjector.class.getModule())),
                Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
                Collections.<Class<?>, List<Class<?>>>emptyMap());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        Map<String, byte[]> pending = new LinkedHashMap<>(classes);
        while (!pending.isEmpty()) {
            int before = pending.size();
            LinkageError last = null;
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> c = it.next();
                try {
                    define.invoke(unsafe, c.getKey(), c.getValue(), 0, c.getValue().length, null, null);
                    it.remove();
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw e;
                    }
                    last = (NoClassDefFoundError) e.getCause(); // its superclass comes later: next round
                }
            }
            if (pending.size() == before) {
                throw last;
            }
        }
        for (String className : classes.keySet()) {
            if (Class.forName(className, false, null).getClassLoader() != null) {
                throw new IllegalStateException(className + " is not in the boot loader");
            }
        }
    }

    private static void appendToBootClassPath(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws IOException {
        File bridgeJar;
        try {
            bridgeJar = File.createTempFile("sinkwatch-bootstrap", ".jar");
        } catch (IOException e) {
            throw new IOException("cannot write the bridge jar to java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bridgeJar.toPath()))) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar));
        // Load every bridge class now, then delete the file (the JVM keeps it open): no temp file outlives the
        // agent, and no application-visible file operation of the agent's happens later (a delete-on-exit would).
        try {
            for (String className : classes.keySet()) {
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
}
