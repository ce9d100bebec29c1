package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.store.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A collector in a child JVM for {@link KillNineTest}: raises one alert to a receiver that is down, prints
 * {@code ACCEPTED <id>} once {@code raise} has returned, and keeps retrying until it is killed with SIGKILL.
 */
public final class CrashingCollector {

    private CrashingCollector() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String receiverUrl = args[1];
        Database db = Database.embedded(dataDir);
        Alerts alerts = new Alerts(db, KillNineTest.settings(receiverUrl), Clock.systemUTC(),
                new SimpleMeterRegistry()).start();
        Alert alert = alerts.raise(TestSupport.finding());
        System.out.println("ACCEPTED " + alert.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
