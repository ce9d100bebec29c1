package dev.sinkwatch.collector.attribution;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an index applies to the code a service runs. On {@link Status#MISMATCH} or {@link Status#UNKNOWN} the
 * collector should show {@link #message()} next to the attribution instead of presenting it as exact: line numbers
 * may have moved between the two commits.
 *
 * @param deployedRevision what the service reported ({@code vcs.ref.head.revision} or {@code service.version}),
 *                         may be null
 */
public record RevisionCheck(Status status, String indexedCommit, String deployedRevision, String message) {
    public enum Status {
        /** The deployed revision is the index's commit (full or abbreviated id). */
        MATCH,
        /** The deployed revision is another commit. */
        MISMATCH,
        /** The service reported no commit id (nothing, or a version such as {@code 1.4.2}): cannot tell. */
        UNKNOWN
    }

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,64}");

    static RevisionCheck of(String indexedCommit, String deployed) {
        String short12 = indexedCommit.substring(0, Math.min(12, indexedCommit.length()));
        if (deployed == null || deployed.isBlank()) {
            return new RevisionCheck(Status.UNKNOWN, indexedCommit, deployed,
                    "the service reports no commit; attribution index built at " + short12 + " may not match");
        }
        String d = deployed.trim().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(d).matches()) {
            return new RevisionCheck(Status.UNKNOWN, indexedCommit, deployed, "the service reports '" + deployed
                    + "', not a commit id; attribution index built at " + short12 + " may not match");
        }
        if (indexedCommit.startsWith(d) || d.startsWith(indexedCommit)) {
            return new RevisionCheck(Status.MATCH, indexedCommit, deployed,
                    "attribution index built at the deployed commit " + short12);
        }
        return new RevisionCheck(Status.MISMATCH, indexedCommit, deployed, "attribution index built at " + short12
                + " but the service runs " + d.substring(0, Math.min(12, d.length()))
                + "; line ranges may have moved: rebuild the index at the deployed commit");
    }
}
