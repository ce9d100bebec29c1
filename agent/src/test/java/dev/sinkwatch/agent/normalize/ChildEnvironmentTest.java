package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void onlyWhatTheApplicationSetShowsNamesKeptValuesFolded() {
        Map<String, String> env = new HashMap<>(System.getenv()); // what environment() starts with
        env.put("GREETING", "hello");
        env.put("API_TOKEN", "s3cret");
        env.put("bad name!", "x");
        List<String> names = ChildEnvironment.appSet(env);
        assertEquals(List.of("API_TOKEN", "GREETING", "bad name!"), names);
        assertEquals("API_TOKEN=? GREETING=? ?=? ", ChildEnvironment.shape(names));
        assertEquals("API_TOKEN=s3cret GREETING=hello bad name!=x ", ChildEnvironment.raw(names, env));
    }

    @Test
    void anInheritedOrUntouchedEnvironmentAddsNothing() {
        assertEquals(List.of(), ChildEnvironment.appSet(null));
        assertEquals(List.of(), ChildEnvironment.appSet(new HashMap<>(System.getenv())));
        assertEquals("", ChildEnvironment.shape(List.of()));
    }
}
