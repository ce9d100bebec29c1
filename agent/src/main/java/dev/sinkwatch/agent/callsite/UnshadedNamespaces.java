package dev.sinkwatch.agent.callsite;

/**
 * The namespaces of the libraries the agent jar shades, as the application's own copies are named. Spelt in pieces
 * because the shading rewrites every string constant that names a relocated package: a literal
 * {@code "net.bytebuddy."} in the agent's code would become the agent's relocated copy's name in the jar, and the
 * application's own Byte Buddy and OpenTelemetry would be taken for application code and read at every class load.
 */
public final class UnshadedNamespaces {
    /** The application's Byte Buddy (Hibernate's proxies, Mockito), not the agent's relocated copy. */
    public static final String BYTE_BUDDY = String.join(".", "net", "bytebuddy", "");
    /** The application's OpenTelemetry API and SDK, not the agent's relocated copy. */
    public static final String OPENTELEMETRY = String.join(".", "io", "opentelemetry", "");

    private UnshadedNamespaces() {
    }
}
