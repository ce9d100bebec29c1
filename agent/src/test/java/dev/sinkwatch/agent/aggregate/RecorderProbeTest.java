package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.callsite.CallSiteRegistry;
import dev.sinkwatch.agent.callsite.StackCapture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * File probes ({@code File.exists} and friends) are recorded only on a request thread where a request input reaches
 * the path, and never when the path is a class file: a class loader looking for a class the request made it load,
 * under a directory an absolute-path input may name.
 */
class RecorderProbeTest {

    private final CallSiteRegistry registry = new CallSiteRegistry();
    private final KeyTable keys = new KeyTable(100);
    private final Recorder recorder = new Recorder(keys, registry,
            new StackCapture(AppClasses.of(List.of("com.example")), registry), 1000, false);
    private final ThreadState state = new ThreadState(false);

    RecorderProbeTest() {
        recorder.register(new PathTargets(), Ops.FILE_PROBE / 10);
        state.callSite = registry.register("com.example.Files", "list", "Files.java", 12);
    }

    private void probe(String path) {
        recorder.record(state, Ops.FILE_PROBE, path, null, System.nanoTime(), null);
    }

    private void serving(String name, String value) {
        RequestInputs in = new RequestInputs();
        in.add("query", name, value);
        state.request = in;
    }

    @Test
    void aProbeOutsideAnyRequestIsNotRecorded() {
        probe("/srv/data/../../etc/passwd");
        assertEquals(0, keys.size());
    }

    @Test
    void aProbeNoInputReachesIsNotRecorded() {
        serving("name", "report");
        probe("/srv/data/summary.txt");
        assertEquals(0, keys.size());
    }

    @Test
    void aProbeAnInputTraversesIsRecorded() {
        serving("name", "../../etc/passwd");
        probe("/srv/data/../../etc/passwd");
        assertEquals(1, keys.size());
    }

    @Test
    void aClassLoaderLookingForAClassUnderAnInputsDirectoryIsNotRecorded() {
        serving("dir", "/tmp");
        probe("/tmp/build/classes/org/apache/tomcat/util/buf/UDecoder$1.class");
        assertEquals(0, keys.size());
    }
}
