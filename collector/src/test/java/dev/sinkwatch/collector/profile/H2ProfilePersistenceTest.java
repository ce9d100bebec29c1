package dev.sinkwatch.collector.profile;

import dev.sinkwatch.collector.store.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The persistence scenarios on embedded H2 (PostgreSQL mode), a file in a temporary data directory. */
class H2ProfilePersistenceTest extends AbstractProfilePersistenceTest {

    @TempDir
    Path dataDirectory;

    @Override
    Database openDatabase() {
        return Database.embedded(dataDirectory);
    }
}
