package dev.sinkwatch.bench.whole;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrkResultTest {

    private static final String CLEAN = """
            $ taskset -c 0 wrk -t1 -c8 -d20s --latency --timeout 10s http://127.0.0.1:41234/owners/1
            Running 20s test @ http://127.0.0.1:41234/owners/1
              1 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    23.61ms   11.02ms 152.40ms   78.12%
                Req/Sec   342.11     60.20   470.00     71.00%
              Latency Distribution
                 50%  850.00us
                 75%   28.31ms
                 90%   36.70ms
                 99%    1.52s
              6812 requests in 20.01s, 22.69MB read
            Requests/sec:    340.43
            Transfer/sec:      1.13MB
            """;

    @Test
    void readsRequestsRateAndPercentilesInMilliseconds() {
        WrkResult r = WrkResult.parse(CLEAN);
        assertEquals(6812, r.requests());
        assertEquals(340.43, r.requestsPerSecond(), 1e-9);
        assertEquals(0.85, r.p50Millis(), 1e-9);
        assertEquals(1520, r.p99Millis(), 1e-9);
        assertEquals(0, r.errors());
    }

    @Test
    void countsNon2xxResponsesAndSocketErrors() {
        String withErrors = CLEAN.replace("Requests/sec:", "  Socket errors: connect 1, read 2, write 0, timeout 3\n"
                + "  Non-2xx or 3xx responses: 40\nRequests/sec:");
        assertEquals(46, WrkResult.parse(withErrors).errors());
    }

    @Test
    void outputWithoutLatencyDistributionIsAClearError() {
        String noLatency = CLEAN.replaceAll("(?m)^\\s+\\d\\d% .*\\n", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WrkResult.parse(noLatency));
        assertTrue(e.getMessage().contains("--latency"), e.getMessage());
    }

    @Test
    void slicesCombineIntoOnePhaseWithMedianPercentiles() {
        WrkResult combined = WrkResult.combine(List.of(
                new WrkResult(1000, 200, 4.0, 40.0, 1),   // 5 s
                new WrkResult(500, 100, 8.0, 900.0, 0),   // 5 s, a slice the machine disturbed
                new WrkResult(1200, 240, 3.0, 30.0, 2))); // 5 s
        assertEquals(2700, combined.requests());
        assertEquals(180.0, combined.requestsPerSecond(), 1e-9);
        assertEquals(4.0, combined.p50Millis(), 1e-9);
        assertEquals(40.0, combined.p99Millis(), 1e-9);
        assertEquals(3, combined.errors());
    }

    @Test
    void combiningNoSliceIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> WrkResult.combine(List.of()));
    }
}
