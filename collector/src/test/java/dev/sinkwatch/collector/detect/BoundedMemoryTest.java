package dev.sinkwatch.collector.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.profile.ProfileState;
import dev.sinkwatch.collector.profile.ProfileStore;
import dev.sinkwatch.collector.profile.ProfileSummary;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Memory follows the caps, not the sender, and a flood cannot switch novelty off. Counts, not time: the clock is
 * moved by hand.
 */
class BoundedMemoryTest {

    static final Duration QUIET = Duration.ofMinutes(1);
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final DetectionEngine engine = new DetectionEngine(ProfileStore.inMemory(), DetectionSettings.builder()
            .quietPeriod(QUIET).unstableAfterNewTargets(20).unstableAfterWindows(2).maxTargetsPerProfile(100)
            .maxProfilesPerService(50).maxVersionsPerService(3).versionGraceWindow(Duration.ZERO)
            .flushInterval(Duration.ZERO).build(), clock);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    @DisplayName("5,000 new targets from one instance over 10 windows: the profile stays stable, keeps 100 targets, "
            + "and a new target from anyone is still novelty")
    void oneSendersFloodDoesNotSwitchNoveltyOff() {
        engine.observe(Obs.file("/data/report").build());
        clock.advance(QUIET.multipliedBy(2)); // stable, past the learning windows
        for (int i = 0; i < 5_000; i++) {
            engine.observe(Obs.file("/probe/" + i).instance("attacker").build());
            if (i % 500 == 499) {
                clock.advance(QUIET);
            }
        }
        ProfileSummary profile = engine.profiles(Obs.SERVICE).get(0);
        assertEquals(ProfileState.STABLE, profile.state());
        assertEquals(100, profile.targets(), "the target cap holds");
        List<Finding> findings = engine.observe(Obs.file("/data/unexpected").instance("app-2").build());
        assertEquals(List.of("novelty.file"), findings.stream().map(f -> f.detector().wireName()).toList());
    }

    @Test
    @DisplayName("late targets from 3 instances over 2 windows still make a profile unstable")
    void spreadLateTargetsStillMakeUnstable() {
        engine.observe(Obs.file("/data/report").build());
        clock.advance(QUIET.multipliedBy(2));
        for (int i = 0; i < 21; i++) {
            engine.observe(Obs.file("/data/" + i).instance("app-" + (i % 3)).build());
            if (i == 10) {
                clock.advance(QUIET);
            }
        }
        assertEquals(ProfileState.UNSTABLE, engine.profiles(Obs.SERVICE).get(0).state());
    }

    @Test
    @DisplayName("library work outside any request, from 3 instances over 2 windows, is learned silently and never "
            + "makes a profile unstable")
    void backgroundWorkIsNeverLate() {
        engine.observe(Obs.file("/data/report").build());
        clock.advance(QUIET.multipliedBy(2));
        for (int i = 0; i < 21; i++) {
            engine.observe(Obs.file("/var/cache/timer-" + i).instance("app-" + (i % 3))
                    .attr("sinkwatch.request", "false").attr("sinkwatch.callsite.origin", "library").build());
            if (i == 10) {
                clock.advance(QUIET);
            }
        }
        assertEquals(ProfileState.STABLE, engine.profiles(Obs.SERVICE).get(0).state());
    }

    @Test
    @DisplayName("200 call sites of one service: 50 profiles kept, the rest counted and not judged")
    void profilesPerServiceAreCapped() {
        for (int i = 0; i < 200; i++) {
            engine.observe(Obs.file("/data/x").site("com.acme.Site.m" + i, 1).build());
        }
        assertEquals(50, engine.profiles(Obs.SERVICE).size());
        engine.observe(Obs.file("/data/x").service("other").build());
        assertEquals(1, engine.profiles("other").size(), "the cap is per service");
    }

    @Test
    @DisplayName("10 versions of one service: the 3 seen most recently are kept")
    void versionsPerServiceAreRetired() {
        for (int v = 1; v <= 10; v++) {
            for (int site = 0; site < 5; site++) {
                engine.observe(Obs.file("/data/x").version("1." + v).site("com.acme.Site.m" + site, 1).build());
            }
            clock.advance(Duration.ofSeconds(1));
        }
        Set<String> versions = new TreeSet<>();
        engine.profiles(Obs.SERVICE).forEach(p -> versions.add(p.serviceVersion()));
        assertEquals(Set.of("1.8", "1.9", "1.10"), versions);
        assertTrue(engine.profiles(Obs.SERVICE).size() <= 15);
    }
}
