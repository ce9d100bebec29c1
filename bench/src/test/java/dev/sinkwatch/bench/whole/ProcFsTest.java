package dev.sinkwatch.bench.whole;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcFsTest {

    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // A command name with a space and a parenthesis; utime 1500, stime 250 (fields 14 and 15).
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 52000 0 12 0 1500 250 7 3 20 0 31 0 9001 "
                + "9000000000 120000 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0\n";
        assertEquals(1750, ProcFs.cpuTicks(stat));
    }

    @Test
    void vmRssIsReadInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  401232 kB\nRssAnon:\t  380000 kB\n";
        assertEquals(401232L * 1024, ProcFs.vmRssBytes(status));
    }

    @Test
    void missingVmRssSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcFs.vmRssBytes("Name:\tjava\nState:\tZ (zombie)\n"));
        assertTrue(e.getMessage().contains("VmRSS"), e.getMessage());
    }

    @Test
    void readsThisProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcFs.cpuNanos(pid) > 0);
        assertTrue(ProcFs.rssBytes(pid) > 1024 * 1024);
    }

    @Test
    void threadsAreKindedByTheirLinuxNames() {
        assertEquals("main", ProcFs.threadKind("java"));
        assertEquals("JIT C1", ProcFs.threadKind("C1 CompilerThre"));
        assertEquals("JIT C2", ProcFs.threadKind("C2 CompilerThre"));
        assertEquals("GC and VM", ProcFs.threadKind("VM Thread"));
        assertEquals("GC and VM", ProcFs.threadKind("GC Thread#0"));
        assertEquals("agent", ProcFs.threadKind("sinkwatch-expor"));
        assertEquals("agent", ProcFs.threadKind("BatchSpanProces"));
        assertEquals("other", ProcFs.threadKind("http-nio-8080-e"));
    }

    @Test
    void thisProcessCpuByKindOfThreadAddsUpToItsTotal() throws Exception {
        long pid = ProcessHandle.current().pid();
        long total = ProcFs.cpuNanos(pid);
        Map<String, Long> byKind = ProcFs.cpuNanosByThreadKind(pid, total);
        long after = ProcFs.cpuNanos(pid);
        assertEquals(ProcFs.THREAD_KINDS, List.copyOf(byKind.keySet()));
        long live = byKind.entrySet().stream().filter(e -> !e.getKey().equals("exited"))
                .mapToLong(Map.Entry::getValue).sum();
        assertTrue(live > 0 && live <= after, "live threads " + live + " of " + after + ": " + byKind);
        assertEquals(Math.max(total, live), live + byKind.get("exited"), byKind.toString());
        assertTrue(byKind.get("main") + byKind.get("JIT C1") + byKind.get("JIT C2") > 0, byKind.toString());
    }
}
