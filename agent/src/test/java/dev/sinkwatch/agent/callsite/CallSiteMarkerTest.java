package dev.sinkwatch.agent.callsite;

import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which calls from application code get a call-site mark: those that can reach a sink, and no others. */
class CallSiteMarkerTest {
    private final CallSiteMarker marker = new CallSiteMarker(AppClasses.of(List.of("com.acme")), new CallSiteRegistry());

    @Test
    void callsThatCanReachASinkAreMarked() {
        String[][] marked = {
                {"java/sql/PreparedStatement", "executeQuery"}, {"javax/sql/DataSource", "getConnection"},
                {"java/nio/file/Files", "readAllBytes"}, {"java/io/FileInputStream", "<init>"},
                {"java/lang/ProcessBuilder", "start"}, {"java/net/URL", "openConnection"},
                {"javax/naming/InitialContext", "lookup"}, {"java/io/ObjectInputStream", "readObject"},
                {"org/springframework/jdbc/core/JdbcTemplate", "query"},
                {"org/springframework/jdbc/core/namedparam/NamedParameterJdbcTemplate", "update"},
                {"jakarta/persistence/EntityManager", "find"}, {"javax/persistence/EntityManager", "persist"},
                {"org/hibernate/Session", "get"}, {"org/springframework/web/client/RestTemplate", "getForObject"},
                {"org/springframework/web/reactive/function/client/WebClient", "get"},
                {"okhttp3/Call", "execute"}, {"org/apache/hc/client5/http/classic/HttpClient", "execute"},
                {"com/zaxxer/hikari/HikariDataSource", "getConnection"}, {"org/h2/Driver", "connect"},
        };
        for (String[] call : marked) {
            assertEquals(true, marker.shouldMark(call[0], call[1]), call[0] + "." + call[1]);
        }
    }

    @Test
    void callsThatCannotReachASinkAreLeftAlone() {
        String[][] unmarked = {
                {"java/util/List", "add"}, {"java/lang/String", "format"}, {"java/sql/ResultSet", "next"},
                {"java/nio/file/Path", "resolve"}, {"com/fasterxml/jackson/databind/ObjectMapper", "writeValueAsString"},
                {"org/slf4j/Logger", "info"}, {"org/springframework/ui/Model", "addAttribute"},
                {"com/google/common/collect/ImmutableList", "of"}, {"com/acme/orders/Repo", "find"},
                {"jdk/internal/misc/Unsafe", "getInt"}, {"[Ljava/lang/String;", "clone"},
        };
        for (String[] call : unmarked) {
            assertEquals(false, marker.shouldMark(call[0], call[1]), call[0] + "." + call[1]);
        }
    }

    @Test
    void onlyAClassWhoseConstantPoolNamesASinkReachingCallIsReadInFull() throws IOException {
        assertEquals(true, marker.mayChange(classFile(ReadsAFile.class)), "calls Files.readString");
        assertEquals(true, marker.mayChange(classFile(OpensAConnection.class)), "calls DataSource.getConnection");
        assertEquals(false, marker.mayChange(classFile(OnlyArithmetic.class)), "calls nothing that reaches a sink");
        assertEquals(false, marker.mayChange(classFile(KeepsAPath.class)),
                "names Files and Path types but calls only Path.resolve and Long.valueOf");
    }

    private static ClassReader classFile(Class<?> type) throws IOException {
        String name = type.getName();
        try (InputStream in = type.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
            return new ClassReader(in.readAllBytes());
        }
    }

    static final class ReadsAFile {
        String read(Path path) throws IOException {
            return Files.readString(path);
        }
    }

    static final class OpensAConnection {
        Object open(javax.sql.DataSource source) throws java.sql.SQLException {
            return source.getConnection();
        }
    }

    static final class OnlyArithmetic {
        long twice(long x) {
            return 2 * x + 1_000_000_000_000L; // a long constant takes two pool slots, the second unused
        }
    }

    static final class KeepsAPath {
        private Files unused;

        Object child(Path path) {
            return Long.valueOf(path.resolve("x").hashCode() + 3_000_000_000L);
        }
    }
}
