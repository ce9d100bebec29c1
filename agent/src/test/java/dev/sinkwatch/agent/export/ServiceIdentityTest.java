package dev.sinkwatch.agent.export;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Instance ids are random version-4 UUIDs, drawn without initialising the JDK's security providers. */
class ServiceIdentityTest {

    @Test
    void instanceIdsAreDistinctVersionFourUuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ServiceIdentity.randomInstanceId();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            ids.add(id);
        }
        assertEquals(1000, ids.size());
    }
}
