package dev.sinkwatch.collector.attribution;

/** A problem the user can fix (not a repository, shallow clone, notes not fetched...); the message says how. */
public final class AttributionException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttributionException(String message) {
        super(message);
    }

    public AttributionException(String message, Throwable cause) {
        super(message, cause);
    }
}
