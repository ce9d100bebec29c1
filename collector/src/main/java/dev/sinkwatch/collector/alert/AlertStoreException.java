package dev.sinkwatch.collector.alert;

/** The alert store could not be read or written (after retrying transient conflicts). */
public final class AlertStoreException extends RuntimeException {

    public AlertStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
