package dev.sinkwatch.agent.callsite;

/**
 * The calls from application code that can reach a sink, and so get a call-site mark: JDK sink APIs, and the
 * entry points of libraries known to reach one on the application's behalf (data access, pools and drivers, HTTP
 * and other network clients, file, process and serialization helpers). Any other call is left as it is: a sink
 * reached through it is keyed by a stack walk, which names the same application line.
 */
final class SinkReachingCalls {

    /**
     * JDK calls that are sinks or lead straight to one, by owner prefix and method name prefix ({@code *} = any).
     * Kept narrow on purpose: {@code ResultSet.next()} or {@code Path.resolve()} are called far more often than
     * any sink, and marking them would cost every call two thread-local writes for nothing.
     */
    private static final String[][] JDK = {
            {"java/sql/", "execute"}, {"java/sql/", "addBatch"}, {"java/sql/", "prepare"},
            {"java/sql/", "createStatement"}, {"java/sql/", "getConnection"}, {"java/sql/", "connect"},
            {"javax/sql/", "getConnection"}, {"javax/sql/", "getPooledConnection"}, {"javax/sql/", "getXAConnection"},
            {"java/nio/file/Files", "*"}, {"java/nio/file/spi/", "*"}, {"java/nio/channels/", "open"},
            {"java/nio/channels/", "connect"}, {"java/nio/channels/", "send"},
            {"java/net/", "*"}, {"javax/naming/", "*"}, {"java/rmi/", "*"},
            {"java/io/File", "<init>"}, {"java/io/File", "delete"}, {"java/io/File", "renameTo"},
            {"java/io/File", "list"}, {"java/io/File", "mkdir"}, {"java/io/RandomAccessFile", "<init>"},
            {"java/io/ObjectInputStream", "read"}, {"java/io/", "<init>"},
            {"java/lang/ProcessBuilder", "start"}, {"java/lang/Runtime", "exec"},
            {"java/util/zip/ZipFile", "<init>"}, {"java/util/jar/JarFile", "<init>"}, {"java/util/Scanner", "<init>"},
            // Not the JDK, but under javax: persistence APIs reach JDBC.
            {"javax/persistence/", "*"}, {"javax/jdo/", "*"}, {"javax/ws/rs/client/", "*"}, {"javax/mail/", "*"},
    };

    /** Library namespaces whose calls can reach a sink (internal names). */
    private static final String[] LIBRARIES = {
            // Data access, pools and drivers
            "org/springframework/jdbc/", "org/springframework/orm/", "org/springframework/data/",
            "org/springframework/transaction/", "org/springframework/jndi/", "jakarta/persistence/",
            "org/hibernate/", "org/jooq/", "org/mybatis/", "org/apache/ibatis/", "org/jdbi/", "com/querydsl/",
            "org/sql2o/", "io/ebean/", "org/eclipse/persistence/", "org/flywaydb/", "liquibase/",
            "com/zaxxer/", "com/mchange/", "org/apache/commons/dbcp", "org/apache/tomcat/jdbc/", "io/agroal/",
            "org/h2/", "org/postgresql/", "org/mariadb/", "com/mysql/", "oracle/", "com/microsoft/sqlserver/",
            "org/sqlite/", "org/hsqldb/", "org/apache/derby/", "net/sourceforge/jtds/", "com/ibm/db2/",
            // HTTP and other network clients
            "org/springframework/web/client/", "org/springframework/web/reactive/function/client/",
            "org/springframework/http/client/", "org/springframework/mail/", "org/springframework/jms/",
            "org/springframework/amqp/", "org/springframework/kafka/", "org/apache/http/", "org/apache/hc/",
            "okhttp3/", "com/squareup/okhttp/", "retrofit2/", "feign/", "reactor/netty/", "org/asynchttpclient/",
            "com/google/api/client/http/", "org/eclipse/jetty/client/", "org/glassfish/jersey/client/",
            "jakarta/ws/rs/client/", "org/jboss/resteasy/client/", "io/micronaut/http/client/", "io/vertx/",
            "kong/unirest/", "jakarta/mail/", "io/lettuce/", "redis/clients/", "org/redisson/", "com/mongodb/",
            "org/mongodb/", "com/datastax/", "org/apache/kafka/", "com/rabbitmq/", "org/elasticsearch/",
            "co/elastic/", "software/amazon/", "com/amazonaws/", "com/google/cloud/", "io/grpc/",
            "org/apache/zookeeper/", "org/apache/curator/", "net/spy/memcached/", "com/hazelcast/",
            "org/apache/commons/net/", "com/jcraft/jsch/", "org/apache/sshd/",
            // Files, processes, serialization
            "org/springframework/core/io/", "org/springframework/util/FileCopyUtils",
            "org/springframework/util/FileSystemUtils", "org/springframework/util/ResourceUtils",
            "org/springframework/util/SerializationUtils", "org/apache/commons/io/", "com/google/common/io/",
            "org/apache/commons/compress/", "org/apache/commons/exec/", "org/zeroturnaround/exec/",
            "org/apache/commons/lang3/SerializationUtils", "org/apache/commons/lang/SerializationUtils",
    };

    private SinkReachingCalls() {
    }

    /** Whether a call to {@code owner.name} (internal owner name) can reach a sink. */
    static boolean canReachSink(String owner, String name) {
        for (String[] call : JDK) {
            if (owner.startsWith(call[0]) && (call[1].equals("*") || name.startsWith(call[1]))) {
                return true;
            }
        }
        if (owner.startsWith("java/") || owner.startsWith("javax/")) {
            return false;
        }
        for (String library : LIBRARIES) {
            if (owner.startsWith(library)) {
                return true;
            }
        }
        return false;
    }
}
