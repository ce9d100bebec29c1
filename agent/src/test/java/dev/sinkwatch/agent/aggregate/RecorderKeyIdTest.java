package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.callsite.CallSiteRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The key id of docs/agent-output.md: stable across JVMs, so it is pinned here. */
class RecorderKeyIdTest {

    @Test
    void theKeyIdIsFnv1aOfTheDocumentedText() {
        CallSiteRegistry registry = new CallSiteRegistry();
        int site = registry.register("com.acme.Repo", "find", "Repo.java", 42);
        Target target = new TargetTable("jdbc", 10).intern("SELECT * FROM t WHERE id = ?");
        String id = Recorder.keyId(registry.get(site), "jdbc", Ops.JDBC_QUERY, target);
        assertEquals(fnv1a("com.acme.Repo#find:42|jdbc|query|SELECT * FROM t WHERE id = ?"), id);
        assertEquals(16, id.length());
        int other = registry.register("com.acme.Repo", "find", "Repo.java", 43);
        assertNotEquals(id, Recorder.keyId(registry.get(other), "jdbc", Ops.JDBC_QUERY, target));
    }

    private static String fnv1a(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return String.format("%016x", h);
    }
}
