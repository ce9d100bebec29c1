package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlTest {

    /** Columns: url | system | host | port | database | target. {@code null} is the CSV empty value. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            jdbc:postgresql://db.example:5433/orders?user=app&password=hunter2 | postgresql | db.example | 5433 | orders | postgresql://db.example:5433/orders
            jdbc:postgresql://DB.Example/orders                                | postgresql | db.example | 5432 | orders | postgresql://db.example:5432/orders
            jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary     | postgresql | h1         | 5432 | app    | postgresql://h1:5432/app
            jdbc:postgresql://[::1]:5432/app                                   | postgresql | ::1        | 5432 | app    | postgresql://[::1]:5432/app
            jdbc:postgresql://host/                                            | postgresql | host       | 5432 | null   | postgresql://host:5432/
            jdbc:postgresql:orders                                             | postgresql | localhost  | 5432 | orders | postgresql://localhost:5432/orders
            jdbc:otel:postgresql://h/db                                        | postgresql | h          | 5432 | db     | postgresql://h:5432/db
            jdbc:p6spy:mysql://h/db?password=hunter2                           | mysql      | h          | 3306 | db     | mysql://h:3306/db
            jdbc:mysql://h1:3306,h2:3306/db                                    | mysql      | h1         | 3306 | db     | mysql://h1:3306/db
            jdbc:mysql://root:hunter2@h1:3307/db                               | mysql      | h1         | 3307 | db     | mysql://h1:3307/db
            jdbc:mysql:loadbalance://h1,h2/shop                                | mysql      | h1         | 3306 | shop   | mysql://h1:3306/shop
            jdbc:mysql://localhost/db?user=u&password=hunter2&useSSL=false     | mysql      | localhost  | 3306 | db     | mysql://localhost:3306/db
            jdbc:mariadb://maria:3310/shop                                     | mariadb    | maria      | 3310 | shop   | mariadb://maria:3310/shop
            jdbc:mariadb://maria/shop;password=hunter2                         | mariadb    | maria      | 3306 | shop   | mariadb://maria:3306/shop
            jdbc:sqlserver://sql.corp:1434;databaseName=sales;user=sa;password=hunter2 | sqlserver | sql.corp | 1434 | sales | sqlserver://sql.corp:1434/sales
            jdbc:sqlserver://sql.corp\\inst;database=sales;password={hun;ter2} | sqlserver | sql.corp | 1433 | sales | sqlserver://sql.corp:1433/sales
            jdbc:sqlserver://;serverName=SQL2;portNumber=1500;databaseName={db} | sqlserver | sql2     | 1500 | db    | sqlserver://sql2:1500/db
            jdbc:sqlserver://sql.corp                                          | sqlserver  | sql.corp   | 1433 | null   | sqlserver://sql.corp:1433/
            jdbc:oracle:thin:@//ora.corp:1522/SVC                              | oracle     | ora.corp   | 1522 | SVC    | oracle://ora.corp:1522/SVC
            jdbc:oracle:thin:@//ora.corp/SVC                                   | oracle     | ora.corp   | 1521 | SVC    | oracle://ora.corp:1521/SVC
            jdbc:oracle:thin:@ora.corp:1521:ORCL                               | oracle     | ora.corp   | 1521 | ORCL   | oracle://ora.corp:1521/ORCL
            jdbc:oracle:thin:scott/hunter2@ora.corp:1521:ORCL                  | oracle     | ora.corp   | 1521 | ORCL   | oracle://ora.corp:1521/ORCL
            jdbc:oracle:thin:@ora.corp:1523/svc.corp                           | oracle     | ora.corp   | 1523 | svc.corp | oracle://ora.corp:1523/svc.corp
            jdbc:oracle:thin:@tcps://ora.corp:2484/svc?wallet_location=/w      | oracle     | ora.corp   | 2484 | svc    | oracle://ora.corp:2484/svc
            jdbc:oracle:thin:@mydb_high                                        | oracle     | null       | -1   | mydb_high | oracle:mydb_high
            jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=Ora1)(PORT=1530))(CONNECT_DATA=(SERVICE_NAME=sales))) | oracle | ora1 | 1530 | sales | oracle://ora1:1530/sales
            jdbc:h2:mem:test;DB_CLOSE_DELAY=-1                                 | h2         | null       | -1   | test   | h2:mem:test
            jdbc:h2:mem:                                                       | h2         | null       | -1   | ''     | h2:mem:
            jdbc:h2:mem:3f2504e0-4f89-11d3-9a0c-0305e82c3301                   | h2         | null       | -1   | *      | h2:mem:*
            jdbc:h2:mem:testdb42;USER=sa;PASSWORD=hunter2                      | h2         | null       | -1   | testdb* | h2:mem:testdb*
            jdbc:h2:file:/data/app-2024/db;PASSWORD=hunter2                    | h2         | null       | -1   | /data/app-*/db | h2:file:/data/app-*/db
            jdbc:h2:/data/db                                                   | h2         | null       | -1   | /data/db | h2:file:/data/db
            jdbc:h2:~/test                                                     | h2         | null       | -1   | ~/test | h2:file:~/test
            jdbc:h2:tcp://DBHOST:9093/~/test;USER=sa                           | h2         | dbhost     | 9093 | ~/test | h2:tcp://dbhost:9093/~/test
            jdbc:h2:tcp://localhost/mem:x                                      | h2         | localhost  | 9092 | mem:x  | h2:tcp://localhost:9092/mem:x
            jdbc:db2://db2.corp/SAMPLE                                         | db2        | db2.corp   | 50000 | SAMPLE | db2://db2.corp:50000/SAMPLE
            jdbc:clickhouse://ch:8123/default?password=hunter2                 | clickhouse | ch         | 8123 | default | clickhouse://ch:8123/default
            jdbc:x://Host:1/db#frag                                            | x          | host       | 1    | db     | x://host:1/db
            jdbc:x://host                                                      | x          | host       | -1   | null   | x://host/
            jdbc:sqlite:/var/lib/app.db                                        | sqlite     | null       | -1   | null   | sqlite
            jdbc:derby:memory:db;create=true                                   | derby      | null       | -1   | null   | derby
            jdbc:weird                                                         | weird      | null       | -1   | null   | weird
            jdbc:                                                              | unknown    | null       | -1   | null   | unknown
            mysql://h/db                                                       | unknown    | null       | -1   | null   | unknown
            """)
    void parses(String url, String system, String host, int port, String database, String target) {
        JdbcUrl parsed = JdbcUrl.parse(url);
        assertEquals(system, parsed.system(), "system");
        assertEquals(host, parsed.host(), "host");
        assertEquals(port, parsed.port(), "port");
        assertEquals(database, parsed.database(), "database");
        assertEquals(target, parsed.target(), "target");
        assertEquals(target, parsed.toString());
    }

    @Test
    void relativeH2FilesResolveAgainstUserDir() {
        JdbcUrl parsed = JdbcUrl.parse("jdbc:h2:./data/app;AUTO_SERVER=TRUE");
        assertEquals("h2:file:" + PathFolder.fold(System.getProperty("user.dir")) + "/data/app", parsed.target());
    }

    @Test
    void nullNeverThrows() {
        JdbcUrl parsed = JdbcUrl.parse(null);
        assertEquals("unknown", parsed.system());
        assertNull(parsed.host());
        assertEquals(-1, parsed.port());
        assertEquals("unknown", parsed.target());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "jdbc:postgresql://app:hunter2@h/db?password=hunter2&user=alice",
            "jdbc:mysql://alice:hunter2@h1,h2/db?password=hunter2",
            "jdbc:sqlserver://h;user=alice;password=hunter2;databaseName=db",
            "jdbc:sqlserver://;password=hunter2;user=alice",
            "jdbc:oracle:thin:alice/hunter2@//h:1521/svc",
            "jdbc:oracle:thin:alice/hunter2@h:1521:sid",
            "jdbc:h2:mem:db;USER=alice;PASSWORD=hunter2",
            "jdbc:h2:tcp://h/db;USER=alice;PASSWORD=hunter2",
            "jdbc:h2:file:/x/db;USER=alice;PASSWORD=hunter2",
            "jdbc:x://alice:hunter2@h:1/db?password=hunter2",
            "jdbc:postgresql:db?user=alice&password=hunter2",
            "jdbc:mariadb://h/db&password=hunter2&user=alice"})
    void noCredentialEverSurvives(String url) {
        JdbcUrl parsed = JdbcUrl.parse(url);
        String all = parsed.system() + "|" + parsed.host() + "|" + parsed.port() + "|" + parsed.database() + "|"
                + parsed.target() + "|" + parsed;
        assertFalse(all.contains("hunter2"), all);
        assertFalse(all.contains("alice"), all);
        assertFalse(all.toLowerCase().contains("password"), all);
        assertFalse(all.toLowerCase().contains("user"), all);
    }

    @Test
    void isAValue() {
        JdbcUrl a = JdbcUrl.parse("jdbc:postgresql://h/db?user=x");
        JdbcUrl b = JdbcUrl.parse("jdbc:postgresql://H:5432/db?user=y");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, JdbcUrl.parse("jdbc:postgresql://h/other"));
        assertFalse(Objects.equals(a, "postgresql://h:5432/db"));
    }

    @Test
    void neverThrowsOnAnyPrefix() {
        String[] urls = {
                "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1))(CONNECT_DATA=(SID=s)))",
                "jdbc:sqlserver://h\\i:1433;databaseName={x};serverName=y",
                "jdbc:h2:tcp://[::1]:9092/~/db;USER=sa",
                "jdbc:oracle:thin:@[::1]:1521/svc",
                "jdbc:mysql:replication://u:p@[::1]:3306,h2/db?x=1"};
        for (String url : urls) {
            for (int i = 0; i <= url.length(); i++) {
                JdbcUrl parsed = JdbcUrl.parse(url.substring(0, i));
                assertFalse(parsed.target().isEmpty() && i > 0, url.substring(0, i));
            }
        }
    }
}
