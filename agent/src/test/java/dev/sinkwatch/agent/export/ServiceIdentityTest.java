package dev.sinkwatch.agent.export;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The instance id is a well-formed random (version 4, IETF variant) UUID, different per call. */
class ServiceIdentityTest {

    @Test
    void instanceIdsAreVersion4Uuids() {
        String id = ServiceIdentity.randomInstanceId();
        UUID uuid = UUID.fromString(id);
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(id, uuid.toString());
        assertNotEquals(id, ServiceIdentity.randomInstanceId());
    }
}
