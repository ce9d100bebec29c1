package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of an alert: (service name, detector, call site id, target fingerprint), hashed to 32 hex digits
 * (the first 128 bits of SHA-256 over the four parts, each length-prefixed so that no two different tuples can
 * produce the same input). Stable across JVMs, collectors and versions of the service: a new service version
 * doing the same thing at the same call site is the same alert.
 */
final class AlertIdentity {

    private AlertIdentity() {
    }

    static String of(Finding finding) {
        return of(finding.service().name(), finding.detector().wireName(), finding.callSite().id(), fingerprint(finding));
    }

    /** The target part of the identity: the detector's fingerprint, else the target itself. */
    static String fingerprint(Finding finding) {
        return finding.targetFingerprint() != null ? finding.targetFingerprint()
                : finding.target() != null ? finding.target() : "";
    }

    static String of(String serviceName, String detector, String callSiteId, String targetFingerprint) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : new String[] {serviceName, detector, callSiteId, targetFingerprint}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        byte[] digest = sha256.digest();
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
