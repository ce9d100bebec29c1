package dev.sinkwatch.agent.export;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The instance id is a well-formed random (version 4, IETF variant) UUID, different per call, from
 * {@code /dev/urandom} or, without it, from the time, the pid and {@code ThreadLocalRandom} mixed.
 */
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

    @Test
    void theFallbackWithoutUrandomIsAlsoAVersion4UuidDifferentPerCall() {
        String id = ServiceIdentity.uuid(ServiceIdentity.mixed());
        UUID uuid = UUID.fromString(id);
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
        assertNotEquals(id, ServiceIdentity.uuid(ServiceIdentity.mixed()));
    }

    @Test
    void allSixteenBytesMakeTheIdButTheVersionAndVariantBits() {
        byte[] ones = new byte[16];
        Arrays.fill(ones, (byte) 0xFF);
        assertEquals("ffffffff-ffff-4fff-bfff-ffffffffffff", ServiceIdentity.uuid(ones));
        assertEquals("00010203-0405-4607-8809-0a0b0c0d0e0f",
                ServiceIdentity.uuid(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
    }
}
