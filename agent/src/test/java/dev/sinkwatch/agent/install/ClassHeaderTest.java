package dev.sinkwatch.agent.install;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The class file header reader the early transformer decides by, on real class files and broken ones. */
class ClassHeaderTest {

    /** JDK classes (long constant pools, Long and Double constants, nested), the H2 driver and a HikariCP proxy. */
    private static final List<Class<?>> REAL = List.of(String.class, Character.UnicodeBlock.class, Math.class,
            java.util.concurrent.ConcurrentHashMap.class, java.util.ArrayList.class, Object.class,
            org.h2.jdbc.JdbcConnection.class, org.h2.jdbc.JdbcPreparedStatement.class, org.h2.Driver.class,
            com.zaxxer.hikari.pool.HikariProxyConnection.class, ClassHeaderTest.class, Runnable.class);

    @Test
    void namesTheDirectSupertypesAsReflectionDoes() {
        for (Class<?> type : REAL) {
            assertArrayEquals(reflected(type), ClassHeader.supertypes(bytesOf(type)), type.getName());
        }
    }

    @Test
    void readsJava25ClassFiles() throws IOException {
        Path jdk25 = Path.of(System.getProperty("sinkwatch.it.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isDirectory(jdk25.resolve("lib")), "Java 25 not installed at " + jdk25);
        try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", jdk25.toString()))) {
            byte[] list = Files.readAllBytes(jrt.getPath("/modules/java.base/java/util/ArrayList.class"));
            assertTrue((list[6] << 8 | list[7] & 0xFF) >= 69, "a Java 25 class file");
            assertArrayEquals(new String[]{"java.util.AbstractList", "java.util.List", "java.util.RandomAccess",
                    "java.lang.Cloneable", "java.io.Serializable"}, ClassHeader.supertypes(list));
            byte[] connection = Files.readAllBytes(jrt.getPath("/modules/java.sql/java/sql/PreparedStatement.class"));
            assertArrayEquals(new String[]{"java.lang.Object", "java.sql.Statement"},
                    ClassHeader.supertypes(connection));
        }
    }

    @Test
    void everyTruncationIsReadSafely() {
        for (Class<?> type : List.of(org.h2.jdbc.JdbcConnection.class, Runnable.class)) {
            byte[] whole = bytesOf(type);
            int step = whole.length > 4_000 ? 7 : 1; // every cut of a small file; a sample of a large one's
            for (int length = 0; length < whole.length; length += step) {
                String[] read = ClassHeader.supertypes(Arrays.copyOf(whole, length));
                // Past the interface table the header is complete; before it, nothing is made up.
                assertTrue(read == null || Arrays.equals(read, reflected(type)), type + " cut at " + length);
            }
        }
    }

    @Test
    void corruptBytesGiveNoAnswerOrANameButNeverThrow() {
        byte[] whole = bytesOf(org.h2.jdbc.JdbcConnection.class);
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            byte[] broken = whole.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                broken[random.nextInt(Math.min(broken.length, 2_000))] = (byte) random.nextInt(256);
            }
            ClassHeader.supertypes(broken); // any answer, never an exception
        }
        assertNull(ClassHeader.supertypes(null));
        assertNull(ClassHeader.supertypes(new byte[0]));
        assertNull(ClassHeader.supertypes("not a class file at all".getBytes()));
        byte[] unknownTag = whole.clone();
        unknownTag[10] = 99; // the first constant's tag
        assertNull(ClassHeader.supertypes(unknownTag));
    }

    private static String[] reflected(Class<?> type) {
        List<String> names = new ArrayList<>();
        names.add(type.getSuperclass() == null ? (type.isInterface() ? "java.lang.Object" : null)
                : type.getSuperclass().getName());
        for (Class<?> anInterface : type.getInterfaces()) {
            names.add(anInterface.getName());
        }
        return names.toArray(new String[0]);
    }

    private static byte[] bytesOf(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void objectHasNoSuperclass() {
        assertEquals(1, ClassHeader.supertypes(bytesOf(Object.class)).length);
        assertNull(ClassHeader.supertypes(bytesOf(Object.class))[0]);
    }
}
