package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.agent.sink.TypeHeader;
import dev.sinkwatch.agent.sink.Weaving;
import net.bytebuddy.utility.OpenedClassReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of {@code Statement}, {@code Connection} and {@code Driver} a class implements, remembered per class loader
 * by type name: a supertype's class file is read (through the loader, only its header parsed; the JDK's types are
 * known without reading) the first time a subclass needs it, and a class whose supertypes are already known costs a
 * few map lookups. Loaders that cannot see {@code java.sql} are never asked.
 */
final class JdbcHierarchy {
    static final int STATEMENT = 1;
    static final int CONNECTION = 2;
    static final int DRIVER = 4;

    /** Past this many remembered types per loader, further ones are computed but not kept. */
    private static final int MAX_TYPES_PER_LOADER = 100_000;
    private static final int MAX_DEPTH = 32;
    private static final Map<String, Integer> INVISIBLE = new ConcurrentHashMap<>();

    private final Map<ClassLoader, Map<String, Integer>> byLoader = new WeakHashMap<>();

    /** A matcher of concrete classes implementing any of {@code interfaces} (the bits above). */
    Weaving.TypeMatcher implementing(int interfaces) {
        return new Implementing(interfaces);
    }

    private final class Implementing implements Weaving.TypeMatcher {
        private final int interfaces;

        Implementing(int interfaces) {
            this.interfaces = interfaces;
        }

        @Override
        public boolean matches(TypeHeader type, ClassLoader loader) {
            Map<String, Integer> memo = memoOf(loader);
            return memo != INVISIBLE && !type.isInterface()
                    && (mask(type.name(), type.superName(), type.interfaces(), loader, memo, 0) & interfaces) != 0;
        }
    }

    /**
     * Whether a class with these direct supertypes may implement any of the three, answered from the memo before
     * the class is described. A class none of whose supertypes can is remembered as implementing none, so that its
     * own subclasses resolve here too. A supertype the memo does not know means "maybe": one loaded before the agent
     * or by another loader, and often one not loaded yet, since the JVM hands a class to the transformer before it
     * loads the supertypes that class is the first to need (the matcher then reads their class files).
     */
    boolean mayImplement(ClassLoader loader, String className, String[] supertypes) {
        Map<String, Integer> memo = memoOf(loader);
        if (memo == INVISIBLE) {
            return false;
        }
        Integer known = memo.get(className);
        if (known != null) {
            return known != 0;
        }
        for (String supertype : supertypes) {
            if (supertype == null) {
                continue;
            }
            int jdk = jdkBits(supertype);
            Integer mask = jdk >= 0 ? Integer.valueOf(jdk) : memo.get(supertype);
            if (mask == null || mask != 0) {
                return true;
            }
        }
        if (memo.size() < MAX_TYPES_PER_LOADER) {
            memo.put(className, 0);
        }
        return false;
    }

    private synchronized Map<String, Integer> memoOf(ClassLoader loader) {
        if (loader == null) {
            return INVISIBLE; // the boot loader cannot see java.sql
        }
        Map<String, Integer> memo = byLoader.get(loader);
        if (memo == null) {
            memo = loader.getResource("java/sql/Statement.class") == null ? INVISIBLE : new ConcurrentHashMap<>();
            byLoader.put(loader, memo);
        }
        return memo;
    }

    /** The bits of a type whose direct supertypes are known (read from its class file by the caller). */
    private static int mask(String name, String superName, String[] interfaces, ClassLoader loader,
                            Map<String, Integer> memo, int depth) {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        int jdk = jdkBits(name);
        int mask = Math.max(jdk, 0);
        if (jdk < 0 && depth < MAX_DEPTH) {
            try {
                if (superName != null) {
                    mask |= mask(superName, loader, memo, depth + 1);
                }
                for (String anInterface : interfaces) {
                    mask |= mask(anInterface, loader, memo, depth + 1);
                }
            } catch (IOException | RuntimeException unreadable) {
                return mask; // a supertype's class file is missing: not remembered, it may appear later
            }
        }
        if (memo.size() < MAX_TYPES_PER_LOADER) {
            memo.put(name, mask);
        }
        return mask;
    }

    /** The bits of a supertype, its own supertypes read from its class file through the loader. */
    private static int mask(String name, ClassLoader loader, Map<String, Integer> memo, int depth) throws IOException {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        if (jdkBits(name) >= 0) {
            return mask(name, null, new String[0], loader, memo, depth);
        }
        byte[] classFile;
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + name);
            }
            classFile = in.readAllBytes();
        }
        // As the Weaver reads it, class files newer than its ASM included.
        TypeHeader header = TypeHeader.of(OpenedClassReader.of(classFile));
        return mask(name, header.superName(), header.interfaces(), loader, memo, depth);
    }

    /**
     * The bits of a JDK type, known without reading its class file (through an application's loader that can mean a
     * search of its jars), or -1 for a type outside the JDK. Of the JDK, only java.sql's own interfaces extend the
     * three; no other {@code java.} or {@code javax.} type implements them.
     */
    private static int jdkBits(String name) {
        if (!(name.startsWith("java.") || name.startsWith("javax."))) {
            return -1;
        }
        switch (name) {
            case "java.sql.Statement":
            case "java.sql.PreparedStatement":
            case "java.sql.CallableStatement":
                return STATEMENT;
            case "java.sql.Connection":
                return CONNECTION;
            case "java.sql.Driver":
                return DRIVER;
            default:
                return 0;
        }
    }
}
