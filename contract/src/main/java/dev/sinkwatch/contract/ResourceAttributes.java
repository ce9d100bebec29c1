package dev.sinkwatch.contract;

/** The resource attributes the agent puts on every record: who is sending (docs/agent-output.md, "Resource"). */
public final class ResourceAttributes {
    public static final String SERVICE_NAME = "service.name";
    public static final String SERVICE_VERSION = "service.version";
    /** A random UUID per JVM. */
    public static final String SERVICE_INSTANCE_ID = "service.instance.id";
    /** The source revision the service was built from, when known; attribution reads the history up to it. */
    public static final String VCS_REVISION = "vcs.ref.head.revision";
    public static final String PROCESS_PID = "process.pid";
    public static final String PROCESS_RUNTIME_VERSION = "process.runtime.version";
    public static final String HOST_NAME = "host.name";
    /** Always {@link #DISTRO}. */
    public static final String TELEMETRY_DISTRO_NAME = "telemetry.distro.name";
    public static final String TELEMETRY_DISTRO_VERSION = "telemetry.distro.version";
    public static final String DISTRO = "sinkwatch";

    private ResourceAttributes() {
    }
}
