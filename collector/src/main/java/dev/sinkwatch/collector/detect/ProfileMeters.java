package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.profile.Profile;
import dev.sinkwatch.collector.profile.ProfileRegistry;
import dev.sinkwatch.collector.profile.ProfileState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The profiles' meters: how many profiles are in each lifecycle state, their estimated memory, failed saves and
 * observations refused at the per-service cap. Gauges read the registry when scraped (a pass over all profiles).
 */
final class ProfileMeters {
    private ProfileMeters() {
    }

    /** Registers the meters on {@code m}; returns them so their owner can remove them when it closes. */
    static List<Meter> register(MeterRegistry m, ProfileRegistry registry) {
        List<Meter> meters = new ArrayList<>();
        for (ProfileState state : ProfileState.values()) {
            meters.add(Gauge.builder("sinkwatch.collector.profiles", registry, r -> countInState(r, state))
                    .tag("state", state.wireName())
                    .description("Profiles (service, version, call site, sink kind) by lifecycle state")
                    .register(m));
        }
        meters.add(Gauge.builder("sinkwatch.collector.profiles.footprint", registry, ProfileMeters::footprintBytes)
                .baseUnit("bytes").description("Estimated memory held by all profiles").register(m));
        meters.add(FunctionCounter.builder("sinkwatch.collector.profiles.flush.failures", registry,
                        ProfileRegistry::flushFailures)
                .description("Profile saves that failed (retried at the next flush)").register(m));
        meters.add(FunctionCounter.builder("sinkwatch.collector.profiles.refused", registry,
                        ProfileRegistry::refused)
                .description("Observations not judged: their service was at detect.max-profiles-per-service")
                .register(m));
        return meters;
    }

    private static double countInState(ProfileRegistry registry, ProfileState state) {
        long n = 0;
        for (Profile p : registry.all()) {
            n += p.state() == state ? 1 : 0;
        }
        return n;
    }

    private static double footprintBytes(ProfileRegistry registry) {
        long n = 0;
        for (Profile p : registry.all()) {
            n += p.estimatedFootprintBytes();
        }
        return n;
    }
}
