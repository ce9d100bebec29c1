package dev.sinkwatch.bench.whole;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    private static Report.Round round(int round, String variant, double cpuMicros, double requestsPerSecond) {
        return new Report.Round(round, 1, "workload", variant, 2.0, 1.5, 100, 120,
                new WrkResult(1000, requestsPerSecond, 4.0, 40.0, 0), cpuMicros, 500, 30.0, null, Map.of(), 1);
    }

    /** Three rounds whose level drifts a lot between rounds, while within a round sinkwatch is always cheaper. */
    private static List<Report.Round> driftingRounds() {
        List<Report.Round> rounds = new ArrayList<>();
        double[] level = {1000, 2000, 3000};
        for (int i = 0; i < level.length; i++) {
            rounds.add(round(i + 1, "none", level[i], 100));
            rounds.add(round(i + 1, "sinkwatch", level[i] + 50, 95));
            rounds.add(round(i + 1, "otel", level[i] + 200, 90));
        }
        return rounds;
    }

    @Test
    void pairedDifferencesAgainstNoAgentComeFromTheSameRound() {
        String tables = Report.tables(List.of("workload"), List.of("none", "sinkwatch", "otel"), driftingRounds());
        // CPU µs/req: medians 2050 vs 2000, and +50 in every round; req/s: −5 % of the medians and in every round.
        assertTrue(tables.contains("| workload | sinkwatch | +0.0 [+0.0] | +0.0 [+0.0] | +0 [+0] | +0 [+0] "
                + "| -5.0 % [-5.0 %] | +0.00 [+0.00] | +0.00 [+0.00] | +50 [+50] |"), tables);
    }

    @Test
    void headToHeadCountsRoundsInWhichTheFirstAgentDidBetter() {
        String tables = Report.tables(List.of("workload"), List.of("none", "sinkwatch", "otel"), driftingRounds());
        // Lower CPU and higher throughput in all three rounds; equal startup, latency and memory count as not better.
        assertTrue(tables.contains("| workload | sinkwatch vs otel | 0 of 3 | 0 of 3 | 0 of 3 | 0 of 3 | 3 of 3 "
                + "| 0 of 3 | 0 of 3 | 3 of 3 | 0 of 3 |"), tables);
    }

    @Test
    void aRoundAnAgentFailedIsLeftOutOfItsComparisons() {
        List<Report.Round> rounds = driftingRounds();
        rounds.set(2, Report.Round.failed(1, 3, "workload", "otel", 1, "did not start"));
        String tables = Report.tables(List.of("workload"), List.of("none", "sinkwatch", "otel"), rounds);
        assertTrue(tables.contains("| workload | sinkwatch vs otel | 0 of 2 |"), tables);
    }

    @Test
    void startUpPairsGiveTheSpreadOfTheDifferencesWithinEachPair() {
        List<Report.Round> rounds = new ArrayList<>();
        double[] none = {20.0, 28.0, 17.0, 24.0};       // no agent's own start drifts by seconds
        double[] overhead = {0.5, 1.5, 0.8, 1.2};        // while the agent's pair differs by these
        for (int i = 0; i < none.length; i++) {
            rounds.add(startUp(i + 1, "none", none[i]));
            rounds.add(startUp(i + 1, "sinkwatch", none[i] + overhead[i]));
        }
        String tables = Report.tables(List.of("petclinic"), List.of("none", "sinkwatch"), rounds);
        // median 1.0, mean 1.0, SD sqrt(0.58 / 3) = 0.44, SE 0.22; 0.5 and 0.8 within 1 s
        assertTrue(tables.contains("| petclinic | sinkwatch | 4 | +1.00 | +1.00 | 0.44 | 0.22 | 2 of 4 |"), tables);
    }

    @Test
    void agentsThatNeverShareARoundAreNotComparedHeadToHead() {
        // side by side: each agent's pair is a round of its own, beside its own no-agent start
        List<Report.Round> rounds = List.of(startUp(1, "none", 20.0), startUp(1, "sinkwatch", 21.0),
                startUp(2, "none", 22.0), startUp(2, "otel", 40.0));
        String tables = Report.tables(List.of("petclinic"), List.of("none", "sinkwatch", "otel"), rounds);
        assertFalse(tables.contains("Head to head"), tables);
        // each beside its own no-agent start: +18 s by the pair, +19 s from the median of both no-agent starts
        assertTrue(tables.contains("| petclinic | otel | +19.0 [+18.0] |"), tables);
    }

    @Test
    void startUpCpuIsSplitByThreadAsTheMeanOfThePairs() {
        List<Report.Round> rounds = List.of(
                threads(1, "none", 10.0, 6.0), threads(1, "sinkwatch", 10.6, 7.0),
                threads(2, "none", 12.0, 5.0), threads(2, "sinkwatch", 12.2, 6.0));
        String tables = Report.tables(List.of("petclinic"), List.of("none", "sinkwatch"), rounds);
        // main +0.6 and +0.2, JIT C2 +1.0 twice; all: the start-up CPU's differences
        assertTrue(tables.contains("| petclinic | sinkwatch | 2 | +0.40 | +0.00 | +1.00 | +0.00 | +0.00 | +0.00 "
                + "| +0.00 | +1.40 |"), tables);
    }

    private static Report.Round threads(int round, String variant, double main, double c2) {
        Map<String, Double> byThread = new LinkedHashMap<>();
        ProcFs.THREAD_KINDS.forEach(k -> byThread.put(k, 0.0));
        byThread.put("main", main);
        byThread.put("JIT C2", c2);
        return new Report.Round(round, 1, "petclinic", variant, main + c2, main + c2, 400, Double.NaN, null,
                Double.NaN, 0, Double.NaN, null, byThread, 1);
    }

    private static Report.Round startUp(int round, String variant, double cpuSeconds) {
        return new Report.Round(round, 1, "petclinic", variant, cpuSeconds, cpuSeconds, 400, Double.NaN, null,
                Double.NaN, 0, Double.NaN, null, Map.of(), 1);
    }
}
