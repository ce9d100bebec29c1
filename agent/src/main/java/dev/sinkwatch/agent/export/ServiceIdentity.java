package dev.sinkwatch.agent.export;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.config.AgentSetting;

import java.io.File;
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
     * A random (version 4) UUID naming this JVM. Not {@code UUID.randomUUID()}: an instance id needs no secure
     * randomness, and starting {@code SecureRandom} loads about a hundred security classes and reads the entropy
     * source in every application that would not otherwise use it.
     */
    static String randomInstanceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(3L << 62)) | (2L << 62); // IETF variant
        return new UUID(high, low).toString();
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
