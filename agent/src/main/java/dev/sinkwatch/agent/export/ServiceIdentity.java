package dev.sinkwatch.agent.export;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.config.AgentSetting;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is reporting: service name, version, revision and instance. Resolved on the export thread (it may read a
 * {@code git.properties} from the application's class path), never in premain.
 */
final class ServiceIdentity {
    final String name;
    final String version;
    final String revision;
    final String instanceId = randomInstanceId();

    private ServiceIdentity(String name, String version, String revision) {
        this.name = name;
        this.version = version;
        this.revision = revision;
    }

    /**
     * A random (version 4) UUID naming this JVM, from 16 bytes of {@code /dev/urandom} read when the identity is
     * resolved (on the export thread, whose own I/O is not recorded). Not {@code UUID.randomUUID()}: starting
     * {@code SecureRandom} loads about a hundred security classes in every application that would not otherwise
     * use it. It also deadlocked a start-up: the JDK's security providers initialised on the export thread, a thread
     * loading from a signed jar held that jar's lock waiting for them, and the transformer needed the same lock to
     * read advice then (Equinox on Java 25, {@code OsgiBundleIT}). Not {@code ThreadLocalRandom} alone: its seed is drawn
     * once per JVM, so replicas restored from one checkpoint (CRaC, SnapStart) would share an id; reading at
     * resolve time does not.
     */
    static String randomInstanceId() {
        byte[] bytes = new byte[16];
        return uuid(readUrandom(bytes) ? bytes : mixed());
    }

    /** The version 4 UUID of 16 random bytes. */
    static String uuid(byte[] bytes) {
        long high = (longAt(bytes, 0) & ~0xF000L) | 0x4000L; // version 4
        long low = (longAt(bytes, 8) & ~(3L << 62)) | (2L << 62); // IETF variant
        return new UUID(high, low).toString();
    }

    private static boolean readUrandom(byte[] bytes) {
        try (FileInputStream in = new FileInputStream("/dev/urandom")) {
            int read = 0;
            while (read < bytes.length) {
                int n = in.read(bytes, read, bytes.length - read);
                if (n < 0) {
                    return false;
                }
                read += n;
            }
            return true;
        } catch (IOException | RuntimeException unavailable) { // Windows, a sandbox, a security manager
            return false;
        }
    }

    /** Without {@code /dev/urandom}: what differs between restored replicas and at each call, mixed. */
    static byte[] mixed() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long a = mix(System.nanoTime() ^ random.nextLong());
        long b = mix(System.currentTimeMillis() ^ (ProcessHandle.current().pid() << 32) ^ random.nextLong() ^ a);
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (a >>> (8 * i));
            bytes[8 + i] = (byte) (b >>> (8 * i));
        }
        return bytes;
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    static ServiceIdentity resolve(AgentConfig config) {
        Properties git = gitProperties();
        String commit = firstNonEmpty(git.getProperty("git.commit.id.full"), git.getProperty("git.commit.id"));
        String revision = config.isSet(AgentSetting.VCS_REVISION) ? config.get(AgentSetting.VCS_REVISION) : commit;
        String version = firstNonEmpty(config.serviceVersion(), commit);
        String name = firstNonEmpty(config.serviceName(), fromCommand(System.getProperty("sun.java.command", "")));
        return new ServiceIdentity(name == null ? "unknown_service:java" : name, version, revision);
    }

    private static Properties gitProperties() {
        Properties p = new Properties();
        try (InputStream in = ClassLoader.getSystemResourceAsStream("git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (Exception ignored) {
            // no usable git.properties: version and revision stay unknown
        }
        return p;
    }

    /** {@code app.jar} gives {@code app}; {@code com.acme.OrderService} gives {@code OrderService}. */
    static String fromCommand(String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        String first = command.trim().split("\\s+")[0];
        if (first.endsWith(".jar")) {
            String file = new File(first).getName();
            return file.substring(0, file.length() - 4);
        }
        int dot = first.lastIndexOf('.');
        return dot < 0 ? first : first.substring(dot + 1);
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : (b != null && !b.isEmpty() ? b : null);
    }
}
