package dev.sinkwatch.agent.callsite;

import org.junit.jupiter.api.Test;

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
}
