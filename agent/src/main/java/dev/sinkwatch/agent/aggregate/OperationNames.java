package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.contract.SinkOperation;

/**
 * The contract's {@link SinkOperation} of each of the bootstrap's {@link Ops} codes (hooks pass small ints, the
 * wire carries names), and the tens digit of the codes of each {@link SinkKind}.
 */
public final class OperationNames {
    private OperationNames() {
    }

    /** The operation of a code, or null for a code no hook passes. */
    public static SinkOperation operation(int code) {
        switch (code) {
            case Ops.JDBC_QUERY: return SinkOperation.JDBC_QUERY;
            case Ops.JDBC_UPDATE: return SinkOperation.JDBC_UPDATE;
            case Ops.JDBC_EXECUTE: return SinkOperation.JDBC_EXECUTE;
            case Ops.JDBC_BATCH: return SinkOperation.JDBC_BATCH;
            case Ops.JDBC_CONNECT: return SinkOperation.JDBC_CONNECT;
            case Ops.JDBC_PREPARE: return SinkOperation.JDBC_PREPARE;
            case Ops.FILE_READ: return SinkOperation.FILE_READ;
            case Ops.FILE_WRITE: return SinkOperation.FILE_WRITE;
            case Ops.FILE_DELETE: return SinkOperation.FILE_DELETE;
            case Ops.FILE_RENAME: return SinkOperation.FILE_RENAME;
            case Ops.FILE_COPY: return SinkOperation.FILE_COPY;
            case Ops.FILE_LIST: return SinkOperation.FILE_LIST;
            case Ops.FILE_MKDIR: return SinkOperation.FILE_MKDIR;
            case Ops.FILE_PROBE: return SinkOperation.FILE_PROBE;
            case Ops.NET_CONNECT: return SinkOperation.NET_CONNECT;
            case Ops.NET_RESOLVE: return SinkOperation.NET_RESOLVE;
            case Ops.NET_SEND: return SinkOperation.NET_SEND;
            case Ops.NET_HTTP: return SinkOperation.NET_HTTP;
            case Ops.PROCESS_EXEC: return SinkOperation.PROCESS_EXEC;
            case Ops.DESERIALIZATION_RESOLVE: return SinkOperation.DESERIALIZATION_RESOLVE;
            case Ops.JNDI_LOOKUP: return SinkOperation.JNDI_LOOKUP;
            case Ops.LDAP_SEARCH: return SinkOperation.LDAP_SEARCH;
            case Ops.XPATH_COMPILE: return SinkOperation.XPATH_COMPILE;
            case Ops.XPATH_EVALUATE: return SinkOperation.XPATH_EVALUATE;
            default: return null;
        }
    }

    /** The wire name of a code's operation ({@code sinkwatch.sink.operation}). */
    public static String of(int code) {
        SinkOperation operation = operation(code);
        return operation == null ? SinkOperation.UNKNOWN : operation.wireName();
    }

    /** The wire name of a code's kind ({@code sinkwatch.sink.kind}). */
    public static String kind(int code) {
        SinkOperation operation = operation(code);
        return operation == null ? SinkOperation.UNKNOWN : operation.kind().wireName();
    }

    /** The tens digit of a kind's codes: its index in the thread's depths and in the recorder's resolvers. */
    public static int kindDigit(SinkKind kind) {
        switch (kind) {
            case JDBC:
                return Ops.JDBC_QUERY / 10;
            case FILE:
                return Ops.FILE_READ / 10;
            case NET:
                return Ops.NET_CONNECT / 10;
            case PROCESS:
                return Ops.PROCESS_EXEC / 10;
            case DESERIALIZATION:
                return Ops.DESERIALIZATION_RESOLVE / 10;
            case JNDI:
                return Ops.JNDI_LOOKUP / 10;
            case LDAP:
                return Ops.LDAP_SEARCH / 10;
            case XPATH:
                return Ops.XPATH_EVALUATE / 10;
            default:
                throw new IllegalArgumentException("no Ops digit for sink kind " + kind);
        }
    }
}
