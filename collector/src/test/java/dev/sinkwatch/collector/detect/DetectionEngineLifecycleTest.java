package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.profile.ProfileKey;
import dev.sinkwatch.collector.profile.ProfileState;
import dev.sinkwatch.collector.profile.ProfileStore;
import dev.sinkwatch.collector.profile.ProfileSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectionEngineLifecycleTest {

    static final Duration QUIET = Duration.ofMinutes(1);
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final DetectionSettings settings = DetectionSettings.builder().quietPeriod(QUIET)
            .unstableAfterNewTargets(3).unstableAfterWindows(2).versionGraceWindow(Duration.ofMinutes(30))
            .flushInterval(Duration.ZERO).build();
    final DetectionEngine engine = new DetectionEngine(ProfileStore.inMemory(), settings, clock);

    @AfterEach
    void close() {
        engine.close();
    }

    List<Finding> see(Obs o) {
        return engine.observe(o.build());
    }

    static List<String> detectors(List<Finding> findings) {
        return findings.stream().map(Finding::detector).toList();
    }

    ProfileState state(String version, SinkKind kind) {
        return engine.profile(new ProfileKey(Obs.SERVICE, version, Obs.SITE + ":" + Obs.LINE, kind)).state();
    }

    @Nested
    @DisplayName("learning, then stable")
    class Learning {

        @Test
        @DisplayName("new targets while learning are silent; after the quiet period a new one is novelty")
        void learnThenNovelty() {
            assertEquals(List.of(), see(Obs.sql("SELECT * FROM orders WHERE id = ?")));
            clock.advance(Duration.ofSeconds(30));
            assertEquals(List.of(), see(Obs.sql("SELECT * FROM orders WHERE customer = ?")));
            assertEquals(ProfileState.LEARNING, state(Obs.VERSION, SinkKind.JDBC));
            clock.advance(QUIET);
            assertEquals(List.of(), see(Obs.sql("SELECT * FROM orders WHERE id = ?").delta(5, 0, clock.millis())));
            assertEquals(ProfileState.STABLE, state(Obs.VERSION, SinkKind.JDBC));

            List<Finding> f = see(Obs.sql("SELECT * FROM users"));
            assertEquals(List.of("novelty.jdbc"), detectors(f));
            assertEquals(Severity.WARNING, f.get(0).severity());
            assertTrue(f.get(0).evidence().get("baseline").startsWith("2 known targets"), f.get(0).evidence()
                    .toString());
        }

        @Test
        @DisplayName("each new target restarts the quiet period")
        void quietPeriodRestarts() {
            see(Obs.file("/data/a"));
            clock.advance(QUIET.minusSeconds(1));
            see(Obs.file("/data/b"));
            clock.advance(QUIET.minusSeconds(1));
            assertEquals(List.of(), see(Obs.file("/data/c")), "still learning");
            clock.advance(QUIET);
            assertEquals(List.of("novelty.file"), detectors(see(Obs.file("/data/d"))));
        }

        @Test
        @DisplayName("novelty repeats until approved; approve suppresses the repeat and keeps the target trusted")
        void approveSuppressesRepeat() {
            see(Obs.net("api.stripe.com:443"));
            clock.advance(QUIET);
            List<Finding> first = see(Obs.net("api.github.com:443"));
            assertEquals(List.of("novelty.net"), detectors(first));
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of("novelty.net"), detectors(see(Obs.net("api.github.com:443")
                    .delta(3, 0, clock.millis()))), "still novel: reported again");
            engine.approve(first.get(0));
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of(), see(Obs.net("api.github.com:443").delta(3, 0, clock.millis())));
            ProfileSummary s = engine.profiles(Obs.SERVICE).get(0);
            assertEquals(0, s.novelTargets());
            assertEquals(1, s.approvals());
        }

        @Test
        @DisplayName("approving a day-0 finding suppresses that rule for that target at that call site only")
        void approveDayZero() {
            see(Obs.process("/usr/bin/convert <path> <path>"));
            clock.advance(QUIET);
            see(Obs.process("/usr/bin/convert <path> <path>").delta(1, 0, clock.millis()));
            List<Finding> f = see(Obs.process("/bin/sh -c \"id\""));
            assertEquals(List.of("novelty.process", "process.suspicious"), detectors(f));
            assertEquals(Severity.CRITICAL, f.get(1).severity(), "a new shell at a stable call site");
            assertEquals(List.of("novelty.process", "process.suspicious"), detectors(see(Obs.process(
                    "/bin/sh -c \"id\"").delta(1, 0, clock.millis()))), "a flagged target repeats");
            engine.approve(f.get(1));
            assertEquals(List.of(), see(Obs.process("/bin/sh -c \"id\"").delta(1, 0, clock.millis())));
            List<Finding> other = see(Obs.process("/bin/sh -c \"id\"").site("com.acme.Other.run", 7));
            assertEquals(List.of("process.suspicious"), detectors(other), "another call site is not approved");
        }

        @Test
        @DisplayName("the shell a call site always runs: one WARNING while learning, silent repeats, a changed script "
                + "is CRITICAL")
        void baselineShellOnce() {
            List<Finding> first = see(Obs.process("sh -c \"cowsay ?\""));
            assertEquals(List.of("process.suspicious"), detectors(first));
            assertEquals(Severity.WARNING, first.get(0).severity());
            for (int i = 0; i < 50; i++) {
                clock.advance(Duration.ofSeconds(10));
                assertEquals(List.of(), see(Obs.process("sh -c \"cowsay ?\"").delta(100, 0, clock.millis())),
                        "repeat " + i);
            }
            clock.advance(QUIET);
            assertEquals(ProfileState.STABLE, state(Obs.VERSION, SinkKind.PROCESS));
            List<Finding> attack = see(Obs.process("sh -c \"cowsay ?; id; echo ?\""));
            assertEquals(List.of("novelty.process", "process.suspicious", "shell.injection"),
                    detectors(attack).stream().sorted().toList());
            Finding injection = attack.stream().filter(x -> x.detector().equals("shell.injection")).findFirst()
                    .orElseThrow();
            assertEquals(Severity.CRITICAL, injection.severity());
            assertEquals("; id echo", injection.evidence().get("added"));
            assertTrue(detectors(see(Obs.process("sh -c \"cowsay ?; id; echo ?\"").delta(1, 0, clock.millis())))
                    .contains("shell.injection"), "the injected script stays flagged");
        }

        @Test
        @DisplayName("an injection while the call site still learns is CRITICAL against the script it learned")
        void injectionWhileLearning() {
            see(Obs.process("sh -c \"ls ?\""));
            List<Finding> f = see(Obs.process("sh -c \"ls ? | nc ? ?\""));
            assertTrue(detectors(f).contains("shell.injection"), f.toString());
            assertEquals(Severity.CRITICAL, f.stream().filter(x -> x.detector().equals("shell.injection"))
                    .findFirst().orElseThrow().severity());
        }

        @Test
        @DisplayName("a call site first seen after the service is stable reaching a shell is a new code path")
        void newCodePath() {
            see(Obs.sql("SELECT * FROM orders WHERE id = ?"));
            clock.advance(QUIET);
            see(Obs.sql("SELECT * FROM orders WHERE id = ?").delta(5, 0, clock.millis()));
            clock.advance(Duration.ofSeconds(5));
            List<Finding> early = see(Obs.process("/bin/sh -c \"id\"").site("com.acme.Early.run", 3));
            assertEquals(Severity.WARNING, early.get(0).severity(), "too early in the service's life to be stable");
            clock.advance(QUIET.multipliedBy(2));
            see(Obs.sql("SELECT * FROM orders WHERE id = ?").delta(5, 0, clock.millis()));
            List<Finding> f = see(Obs.process("/bin/sh -c \"id\"").site("com.acme.Template.render", 12));
            assertEquals(List.of("process.suspicious"), detectors(f));
            assertEquals(Severity.CRITICAL, f.get(0).severity());
            assertTrue(f.get(0).summary().startsWith("New code path: "), f.get(0).summary());
        }

        @Test
        @DisplayName("an input-correlated finding is CRITICAL at any call site, even a learning one, and names the input")
        void inputCorrelated() {
            List<Finding> f = see(Obs.sql("SELECT * FROM users WHERE name = ? OR ?=?")
                    .attr("sinkwatch.input.rule", "sql.injection").attr("sinkwatch.input.name", "query.username")
                    .attr("sinkwatch.input.source", "query").attr("sinkwatch.input.span", "34-46"));
            Finding input = f.stream().filter(x -> x.detector().equals("input.sql.injection")).findFirst()
                    .orElseThrow(() -> new AssertionError(f.toString()));
            assertEquals(Severity.CRITICAL, input.severity());
            assertTrue(input.summary().startsWith("SQL injection from query.username at "), input.summary());
            assertEquals("34-46", input.evidence().get("span"));
            List<Finding> ssrf = see(Obs.net("127.0.0.1:8080").attr("sinkwatch.input.rule", "net.ssrf")
                    .attr("sinkwatch.input.name", "body.url").attr("sinkwatch.destination.class", "loopback")
                    .site("com.acme.Fetch.get", 9));
            assertTrue(ssrf.stream().anyMatch(x -> x.detector().equals("input.net.ssrf")
                    && x.severity() == Severity.CRITICAL && x.summary().contains("to a loopback destination")),
                    ssrf.toString());
        }

        @Test
        @DisplayName("a call the agent blocked is still CRITICAL, and its alert says it was blocked")
        void blockedCall() {
            List<Finding> f = see(Obs.sql("SELECT * FROM users WHERE name = ? OR ?=?")
                    .attr("sinkwatch.input.rule", "sql.injection").attr("sinkwatch.input.name", "query.username")
                    .attr("sinkwatch.input.source", "query").attr("sinkwatch.input.span", "34-46")
                    .attr("sinkwatch.input.blocked", "true"));
            Finding input = f.stream().filter(x -> x.detector().equals("input.sql.injection")).findFirst()
                    .orElseThrow(() -> new AssertionError(f.toString()));
            assertEquals(Severity.CRITICAL, input.severity());
            assertTrue(input.summary().startsWith("Blocked SQL injection from query.username at "), input.summary());
            assertEquals("true", input.evidence().get("blocked"));
        }

        @Test
        @DisplayName("library code outside any request (a container reading its key at start-up) is INFO")
        void libraryOutsideRequest() {
            List<Finding> f = see(Obs.file("/opt/app/conf/server.pem").attr("sinkwatch.request", "false")
                    .attr("sinkwatch.callsite.origin", "library"));
            assertEquals(List.of("file.traversal"), detectors(f));
            assertEquals(Severity.INFO, f.get(0).severity());
            assertEquals(List.of(), see(Obs.file("/opt/app/conf/server.pem").delta(1, 0, clock.millis())));
            List<Finding> app = see(Obs.file("/opt/app/conf/server.pem").attr("sinkwatch.request", "false")
                    .attr("sinkwatch.callsite.origin", "app").site("com.acme.Keys.load", 3));
            assertEquals(Severity.WARNING, app.get(0).severity(), "application code: the learning rule applies");
        }

        @Test
        @DisplayName("library work outside any request, or a class loader reading a class file, at a stable call "
                + "site: learned without a novelty finding, so later sightings are quiet too")
        void backgroundWorkLearnedSilently() {
            see(Obs.file("/opt/app/work/a.ser").attr("sinkwatch.request", "false")
                    .attr("sinkwatch.callsite.origin", "library"));
            clock.advance(QUIET.multipliedBy(3));
            see(Obs.file("/opt/app/work/a.ser").delta(1, 0, clock.millis()));
            assertEquals(ProfileState.STABLE, state(Obs.VERSION, SinkKind.FILE));
            assertEquals(List.of(), see(Obs.of(SinkKind.FILE, "list", "/tmp").attr("sinkwatch.request", "false")
                    .attr("sinkwatch.callsite.origin", "library")));
            assertEquals(List.of(), see(Obs.of(SinkKind.FILE, "list", "/tmp").delta(1, 0, clock.millis())));
            assertEquals(List.of(), see(Obs.file("/srv/classes/com/acme/Late.class").attr("sinkwatch.request", "true")
                    .attr("sinkwatch.callsite.origin", "library")));
            assertEquals(List.of("novelty.file"), detectors(see(Obs.file("/srv/data/other").attr(
                    "sinkwatch.request", "true").attr("sinkwatch.callsite.origin", "library"))),
                    "library work in a request is the application's");
        }

        @Test
        @DisplayName("an injected shape stays out of the trusted baseline, so its repeats stay critical")
        void injectionIsNotLearned() {
            see(Obs.sql("SELECT * FROM users WHERE name = ?"));
            List<Finding> f = see(Obs.sql("SELECT * FROM users WHERE name = ? OR ?=?"));
            assertEquals(List.of("sql.injection"), detectors(f));
            assertEquals(Severity.CRITICAL, f.get(0).severity());
            clock.advance(QUIET);
            List<Finding> again = see(Obs.sql("SELECT * FROM users WHERE name = ? OR ?=?").delta(2, 0,
                    clock.millis()));
            assertEquals(List.of("sql.injection"), detectors(again));
        }

        @Test
        @DisplayName("overflow keys are never judged")
        void overflowIgnored() {
            assertEquals(List.of(), see(Obs.process("(overflow)").site("sinkwatch.Overflow.process", 0)));
            assertEquals(List.of(), engine.services());
        }
    }

    @Nested
    @DisplayName("unstable")
    class Unstable {

        @Test
        @DisplayName("a call site whose novelty keeps coming, from 3 instances over 2 windows, becomes unstable and "
                + "gets no more novelty findings")
        void unstableGetsNoNovelty() {
            see(Obs.file("/data/report-a"));
            clock.advance(QUIET.multipliedBy(2)); // stable, and past the 2 learning windows
            int novelty = 0;
            for (int i = 0; i < 4; i++) {
                novelty += see(Obs.file("/data/x" + (char) ('a' + i)).instance("instance-" + (i % 3))).size();
                clock.advance(QUIET.dividedBy(2));
            }
            assertEquals(3, novelty, "three late targets alert, the fourth tips the profile");
            assertEquals(ProfileState.UNSTABLE, state(Obs.VERSION, SinkKind.FILE));
            assertEquals(List.of(), see(Obs.file("/data/y")));
            assertEquals(List.of("file.traversal"), detectors(see(Obs.file("/etc/shadow"))),
                    "day-0 rules still apply");
        }

        @Test
        @DisplayName("reaching the target bound stops learning, not judging: the profile keeps 2 targets and stays "
                + "stable, a further new target is novelty")
        void boundStopsLearningNotJudging() {
            DetectionEngine small = new DetectionEngine(ProfileStore.inMemory(),
                    settings.toBuilder().maxTargetsPerProfile(2).build(), clock);
            small.observe(Obs.file("/a").build());
            small.observe(Obs.file("/b").build());
            small.observe(Obs.file("/c").build());
            assertEquals(ProfileState.LEARNING, small.profiles(Obs.SERVICE).get(0).state());
            assertEquals(2, small.profiles(Obs.SERVICE).get(0).targets());
            clock.advance(QUIET.multipliedBy(2));
            assertEquals(List.of("novelty.file"), detectors(small.observe(Obs.file("/d").build())));
            assertEquals(ProfileState.STABLE, small.profiles(Obs.SERVICE).get(0).state());
            assertEquals(2, small.profiles(Obs.SERVICE).get(0).targets());
            small.close();
        }
    }

    @Nested
    @DisplayName("versions")
    class Versions {

        @Test
        @DisplayName("a new version inherits the stable profile; novelty is info during grace, warning after")
        void inheritWithGrace() {
            see(Obs.sql("SELECT * FROM orders WHERE id = ?"));
            clock.advance(QUIET);
            see(Obs.sql("SELECT * FROM orders WHERE id = ?").delta(1, 0, clock.millis()));

            assertEquals(List.of(), see(Obs.sql("SELECT * FROM orders WHERE id = ?").version("2.0.0")),
                    "inherited target is known");
            assertEquals(ProfileState.STABLE, state("2.0.0", SinkKind.JDBC));
            List<Finding> grace = see(Obs.sql("SELECT * FROM orders WHERE status = ?").version("2.0.0"));
            assertEquals(List.of("novelty.jdbc"), detectors(grace));
            assertEquals(Severity.INFO, grace.get(0).severity());
            assertEquals(List.of(), see(Obs.sql("SELECT * FROM orders WHERE status = ?").version("2.0.0")
                    .delta(1, 0, clock.millis())), "learned during grace");

            clock.advance(Duration.ofMinutes(31));
            List<Finding> after = see(Obs.sql("SELECT * FROM users").version("2.0.0"));
            assertEquals(List.of("novelty.jdbc"), detectors(after));
            assertEquals(Severity.WARNING, after.get(0).severity());

            ProfileSummary v2 = engine.profiles(Obs.SERVICE).stream()
                    .filter(p -> p.serviceVersion().equals("2.0.0")).findFirst().orElseThrow();
            assertEquals("1.0.0", v2.inheritedFromVersion());
        }

        @Test
        @DisplayName("a call site that moved lines inherits from the only profile of its function")
        void movedLineInherits() {
            see(Obs.net("api.stripe.com:443"));
            clock.advance(QUIET);
            see(Obs.net("api.stripe.com:443").delta(1, 0, clock.millis()));
            assertEquals(List.of(), see(Obs.net("api.stripe.com:443").version("2.0.0").site(Obs.SITE, 50)));
            assertEquals(ProfileState.STABLE, engine.profile(new ProfileKey(Obs.SERVICE, "2.0.0", Obs.SITE + ":50",
                    SinkKind.NET)).state());
        }

        @Test
        @DisplayName("approvals carry over to the new version")
        void approvalsInherited() {
            List<Finding> f = see(Obs.jndi("ldap://ldap.corp.example:389/<path>"));
            engine.approve(f.get(0));
            assertEquals(List.of(), see(Obs.jndi("ldap://ldap.corp.example:389/<path>").version("2.0.0")));
        }
    }

    @Test
    @DisplayName("services and profile summaries for the API, and bounded meters")
    void summariesAndMeters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DetectionEngine e = new DetectionEngine(ProfileStore.inMemory(), settings, clock, meters);
        e.observe(Obs.sql("SELECT ?").build());
        e.observe(Obs.file("/etc/passwd").service("billing").build());
        assertEquals(List.of("billing", "orders"), e.services());
        assertEquals(1, e.profiles("orders").size());
        assertEquals(2, e.serviceSummaries().size());
        assertEquals(1, e.serviceSummaries().get(0).profilesByState().get("learning"));
        assertTrue(e.profiles("orders").get(0).estimatedFootprintBytes() > 0);
        assertEquals(2.0, meters.get("sinkwatch.collector.profiles").tag("state", "learning").gauge().value());
        assertEquals(1.0, meters.get("sinkwatch.collector.detect.findings").tag("detector", "file.traversal")
                .counter().count());
        e.close();
        assertTrue(meters.find("sinkwatch.collector.profiles").gauges().isEmpty());
    }
}
