package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.Ops;

/** Wire names of operations and kinds ({@code sinkwatch.sink.operation}, {@code sinkwatch.sink.kind}). */
public final class OperationNames {
    private OperationNames() {
    }

    public static String of(int operation) {
        switch (operation) {
            case Ops.JDBC_QUERY: return "query";
            case Ops.JDBC_UPDATE: return "update";
            case Ops.JDBC_EXECUTE: return "execute";
            case Ops.JDBC_BATCH: return "batch";
            case Ops.JDBC_CONNECT: return "connect";
            case Ops.FILE_READ: return "read";
            case Ops.FILE_WRITE: return "write";
            case Ops.FILE_DELETE: return "delete";
            case Ops.FILE_RENAME: return "rename";
            case Ops.FILE_COPY: return "copy";
            case Ops.FILE_LIST: return "list";
            case Ops.FILE_MKDIR: return "mkdir";
            case Ops.NET_CONNECT: return "connect";
            case Ops.NET_RESOLVE: return "resolve";
            case Ops.NET_SEND: return "send";
            case Ops.NET_HTTP: return "http";
            case Ops.PROCESS_EXEC: return "exec";
            case Ops.DESERIALIZATION_RESOLVE: return "resolve";
            case Ops.JNDI_LOOKUP: return "lookup";
            default: return "unknown";
        }
    }

    public static String kind(int operation) {
        switch (operation / 10) {
            case 0: return "jdbc";
            case 1: return "file";
            case 2: return "net";
            case 3: return "process";
            case 4: return "deserialization";
            case 5: return "jndi";
            default: return "unknown";
        }
    }
}
