package dev.sinkwatch.collector.profile;

import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a profile is about: one call site of one version of one service, for one sink kind.
 *
 * @param callSiteId {@link dev.sinkwatch.collector.model.CallSite#id()}: {@code com.acme.OrderRepository.find:42}
 */
public record ProfileKey(String serviceName, String serviceVersion, String callSiteId, SinkKind kind) {

    public ProfileKey {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        Objects.requireNonNull(callSiteId, "callSiteId");
        Objects.requireNonNull(kind, "kind");
    }

    public static ProfileKey of(Observation o) {
        return new ProfileKey(o.service().name(), o.service().version(), o.callSite().id(), o.kind());
    }

    public static ProfileKey of(ServiceId service, String callSiteId, SinkKind kind) {
        return new ProfileKey(service.name(), service.version(), callSiteId, kind);
    }

    public ServiceId service() {
        return new ServiceId(serviceName, serviceVersion);
    }

    /** The call site's function without the line: what survives a code change above it. */
    public String function() {
        int colon = callSiteId.lastIndexOf(':');
        return colon < 0 ? callSiteId : callSiteId.substring(0, colon);
    }

    /** A stable 32-hex-digit id (SHA-256 prefix of the four parts), the profile's primary key in the database. */
    public String id() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {serviceName, serviceVersion, callSiteId, kind.wireName()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
