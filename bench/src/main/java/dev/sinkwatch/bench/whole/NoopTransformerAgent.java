package dev.sinkwatch.bench.whole;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.ProtectionDomain;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The {@code noop-transformer} variant's agent: what the JVM charges a bytecode agent before the agent does any work
 * of its own, the floor under sinkwatch and the OpenTelemetry agent. Like them it registers a retransform-capable
 * transformer, which every class loaded afterwards passes through, and retransforms a JDK class that was loaded
 * before it ({@code java.io.File}, as sinkwatch does with the JDK's sink classes); the transformer changes nothing.
 *
 * <p>{@link #writeJar} puts this one class in a jar of its own: an agent's jar joins the application's class path,
 * and the benchmark's own jar would bring its libraries along.
 */
public final class NoopTransformerAgent implements ClassFileTransformer {
    static final String JAR_NAME = "noop-transformer-agent.jar";

    private NoopTransformerAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) throws UnmodifiableClassException {
        instrumentation.addTransformer(new NoopTransformerAgent(), true);
        instrumentation.retransformClasses(File.class);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        return null; // unchanged
    }

    /** Writes the agent's jar into {@code dir} (replacing an older one) and returns it. */
    static Path writeJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Premain-Class", NoopTransformerAgent.class.getName());
        attributes.putValue("Can-Retransform-Classes", "true");
        String entry = NoopTransformerAgent.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(dir);
        Path jar = dir.resolve(JAR_NAME);
        Path partial = dir.resolve(JAR_NAME + ".partial");
        try (InputStream classFile = NoopTransformerAgent.class.getClassLoader().getResourceAsStream(entry);
             OutputStream out = Files.newOutputStream(partial);
             JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            if (classFile == null) {
                throw new IOException(entry + " is not on the benchmark's class path");
            }
            jarOut.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
