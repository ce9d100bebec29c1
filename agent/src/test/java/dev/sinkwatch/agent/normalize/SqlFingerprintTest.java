package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlFingerprintTest {

    private static void check(String sql, String expected) {
        assertEquals(expected, SqlFingerprint.fingerprint(sql), () -> "fingerprint of: " + sql);
    }

    @Nested
    @DisplayName("the examples of the brief")
    class Examples {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#examples")
        void fingerprint(String sql, String expected) {
            check(sql, expected);
        }
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("SELECT * FROM users WHERE id = 42 AND name = 'bob'",
                        "SELECT * FROM users WHERE id = ? AND name = ?"),
                Arguments.of("select a from t where x in (1,2, 3)", "select a from t where x in (?)"),
                Arguments.of("SELECT * FROM u WHERE name = '' OR '1'='1'", "SELECT * FROM u WHERE name = ? OR ?=?"),
                Arguments.of("insert into t values (1,'a'),(2,'b')", "insert into t values (?,?)"));
    }

    @Nested
    @DisplayName("literals become ?")
    class Literals {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#literals")
        void fingerprint(String sql, String expected) {
            check(sql, expected);
        }
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                Arguments.of("select 'it''s'", "select ?"),
                Arguments.of("select 'it\\'s', 'x'", "select ?"), // \' read two ways: the rest folds
                Arguments.of("select E'a\\'b' from t", "select ?"),
                Arguments.of("select e'x', N'y', n'z', B'0101', b'1', X'CAFE', x'00ff'", "select ?, ?, ?, ?, ?, ?, ?"),
                Arguments.of("select U&'d\\0061t' from t", "select ? from t"),
                Arguments.of("select $$secret; 'stuff'$$, 1", "select ?"), // $$ is PostgreSQL's, not MySQL's
                Arguments.of("select $fn$ body $x$ still $fn$ as f", "select ?"),
                Arguments.of("select 42, 3.14, .5, 1., 1e10, 2.5E-3, 6e+2, 0x1F, 0XaB", "select ?, ?, ?, ?, ?, ?, ?, ?, ?"),
                Arguments.of("select -1, +2, a-3", "select -?, +?, a-?"),
                Arguments.of("select 12abc, 1L", "select ?, ?"),
                Arguments.of("select t1.col_2, a1b2 from t1 join t22 on t1.x=t22.y",
                        "select t1.col_2, a1b2 from t1 join t22 on t1.x=t22.y"),
                Arguments.of("select x from t where a = ? and b = :name and c = $1 and d = @p1",
                        "select x from t where a = ? and b = :name and c = $1 and d = @p1"),
                Arguments.of("select TRUE, false, NULL, null is null", "select TRUE, false, NULL, null is null"),
                Arguments.of("select 1::int, '{1,2}'::int[]", "select ?::int, ?::int[]"),
                Arguments.of("select _utf8'abc'", "select _utf8?"),
                Arguments.of("select a$b, $ from t", "select a$b, $ from t"),
                Arguments.of("select ARRAY[1, 2], arr[i+1]", "select ARRAY[?, ?], arr[i+?]"),
                Arguments.of("select ARRAY['a'], 1", "select ARRAY?")); // [it's] may be a SQL Server name
    }

    @Nested
    @DisplayName("identifiers, keywords and whitespace are kept as written")
    class Identifiers {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#identifiers")
        void fingerprint(String sql, String expected) {
            check(sql, expected);
        }
    }

    static Stream<Arguments> identifiers() {
        return Stream.of(
                // unknown dialect: ".." may be a MySQL string, so it folds (SqlDialectTest has the dialects that keep it)
                Arguments.of("SELECT \"user 1\".\"id\" FROM \"user 1\"", "SELECT ?.? FROM ?"),
                Arguments.of("select \"a\"\"b\" from t", "select ? from t"),
                Arguments.of("select `order 2`.`x` from `order 2`", "select `order 2`.`x` from `order 2`"),
                Arguments.of("select [Order Details].[Unit Price 2] from [Order Details]",
                        "select [Order Details].[Unit Price ?] from [Order Details]"),
                Arguments.of("select * from #tmp2", "select * from #?"),
                Arguments.of("  SeLeCt\n\t a ,\r\n  b\tFROM   t  ", "SeLeCt a , b FROM t"),
                Arguments.of("select a,b from t", "select a,b from t"),
                Arguments.of("select count(*) from t", "select count(*) from t"),
                Arguments.of("select é, ü1 from tåble", "select é, ü1 from tåble"),
                Arguments.of("", ""),
                Arguments.of("   ", ""));
    }

    @Nested
    @DisplayName("IN lists and VALUES rows collapse")
    class Collapse {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#collapse")
        void fingerprint(String sql, String expected) {
            check(sql, expected);
        }
    }

    static Stream<Arguments> collapse() {
        return Stream.of(
                Arguments.of("select * from t where id IN (?, ?, ?)", "select * from t where id IN (?)"),
                Arguments.of("select * from t where id in ( ? , ? )", "select * from t where id in (?)"),
                Arguments.of("select * from t where id in(1)", "select * from t where id in(?)"),
                Arguments.of("select * from t where id NOT IN ('a','b') and x In (3)",
                        "select * from t where id NOT IN (?) and x In (?)"),
                Arguments.of("select * from t where id in (\n 1,\n 2\n)", "select * from t where id in (?)"),
                Arguments.of("select * from t where id in (select id from u where v = 1)",
                        "select * from t where id in (select id from u where v = ?)"),
                Arguments.of("select * from t where id in (a, b)", "select * from t where id in (a, b)"),
                Arguments.of("select * from t where (a, b) in ((1, 2), (3, 4))",
                        "select * from t where (a, b) in ((?, ?), (?, ?))"),
                Arguments.of("select * from t where id in ()", "select * from t where id in ()"),
                Arguments.of("select * from t where inx = (1)", "select * from t where inx = (?)"),
                Arguments.of("INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)", "INSERT INTO t (a, b) VALUES (?, ?)"),
                Arguments.of("insert into t values (1, now()), (2, lower('X'))", "insert into t values (?, now())"),
                Arguments.of("insert into t values (1), (2) on conflict (id) do nothing",
                        "insert into t values (?) on conflict (id) do nothing"),
                Arguments.of("insert into t value (1),(2)", "insert into t value (?)"),
                Arguments.of("insert into t values (1) on duplicate key update a = values(a)",
                        "insert into t values (?) on duplicate key update a = values(a)"),
                Arguments.of("insert into t values (1, 2); insert into u values (3), (4)",
                        "insert into t values (?, ?); insert into u values (?)"),
                Arguments.of("insert into t values (1, (select x from y where z in (1, 2))), (2, 3)",
                        "insert into t values (?, (select x from y where z in (?)))"));
    }

    @Nested
    @DisplayName("comments are kept as a signal, without content")
    class Comments {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#comments")
        void fingerprint(String sql, String expected) {
            check(sql, expected);
        }
    }

    static Stream<Arguments> comments() {
        return Stream.of(
                Arguments.of("/* load order 42 for bob */ select 1", "/*?*/ select ?"),
                Arguments.of("select 1 -- secret 42\nfrom t", "select ? --? from t"),
                Arguments.of("select * from u where name = 'admin'--' and pw = 'x'", "select * from u where name = ?--?"),
                Arguments.of("select 1 # mysql comment 7\n, 2", "select ? #? , ?"),
                Arguments.of("select 1 #\n", "select ? #?"),
                Arguments.of("select a/*x*/from t", "select a/*?*/from t"),
                Arguments.of("select /*+ INDEX(t idx) */ a from t", "select /*?*/ a from t"),
                Arguments.of("select 1 /*!50000 union select password from users*/",
                        "select ? /*?*/"),
                Arguments.of("select 1 /* unterminated 'secret'", "select ? /*?"),
                Arguments.of("select 1 /*controller='index'*/ from t", "select ? /*?*/ from t"));
    }

    @Nested
    @DisplayName("a trailing sqlcommenter comment is dropped")
    class SqlCommenter {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#sqlcommenter")
        void fingerprint(String sql, String expected) {
            check(sql, expected);
        }
    }

    static Stream<Arguments> sqlcommenter() {
        return Stream.of(
                Arguments.of("SELECT * FROM FOO /*action='%2Fparam*d',controller='index',framework='spring',"
                        + "traceparent='00-5bd66ef5095369c7b0d1f8f4bd33716a-c532cb4098ac3dd2-01'*/",
                        "SELECT * FROM FOO"),
                Arguments.of("select 1 /*db_driver='jdbc',route='%2Forders%2F42'*/;", "select ?;"),
                Arguments.of("select 1; /*a='b'*/  ", "select ?;"),
                Arguments.of("select 1 /* a = 'b' */", "select ? /*?*/"),
                Arguments.of("select 1 /*a='it\\'s', b='2'*/", "select ?"),
                Arguments.of("select 1 /*not sqlcommenter*/", "select ? /*?*/"),
                Arguments.of("select 1 /**/", "select ? /*?*/"),
                Arguments.of("select 1 /*a='b'*/ /*c='d'*/", "select ? /*?*/"),
                Arguments.of("/*a='b'*/", ""));
    }

    @Nested
    @DisplayName("stacked statements are kept")
    class Stacked {
        @Test
        void semicolons() {
            check("select 1;", "select ?;");
            check("select * from u where id = 1; DROP TABLE users; --", "select * from u where id = ?; DROP TABLE users; --?");
            check("select 1 ;  select 2", "select ? ; select ?");
        }
    }

    @Nested
    @DisplayName("unterminated input folds to ? and never throws")
    class Unterminated {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#unterminated")
        void fingerprint(String sql, String expected) {
            check(sql, expected);
        }

        @Test
        void nullIsEmpty() {
            check(null, "");
        }

        @Test
        void everyPrefixOfATrickyStatementIsHandled() {
            String sql = "/*a*/ SELECT $t$x$t$, E'\\'', \"q\"\"\", `b`, [c], X'0F', 0x1, 1.5e-3, 'a''b' -- c\n"
                    + "# d\n FROM t WHERE a IN (1, 2) AND v = $$s$$; INSERT INTO t VALUES (1), (2) /*k='v'*/";
            for (int i = 0; i <= sql.length(); i++) {
                String prefix = sql.substring(0, i);
                String fp = SqlFingerprint.fingerprint(prefix);
                assertFalse(fp.contains("  "), fp);
                assertEquals(fp.trim(), fp);
            }
        }
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                Arguments.of("select 'secret", "select ?"),
                Arguments.of("select 'a\\", "select ?"),
                Arguments.of("select $$secret", "select ?"),
                Arguments.of("select $tag$secret $ta", "select ?"),
                Arguments.of("select \"secret", "select ?"),
                Arguments.of("select `secret", "select ?"),
                Arguments.of("select E'", "select ?"),
                Arguments.of("select 0x", "select ?"),
                Arguments.of("select 1e", "select ?"),
                Arguments.of("select 1e+", "select ?+"),
                Arguments.of("'", "?"),
                Arguments.of("-", "-"),
                Arguments.of("/", "/"),
                Arguments.of("$", "$"));
    }

    @Nested
    @DisplayName("privacy: no literal survives")
    class Privacy {
        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.sinkwatch.agent.normalize.SqlFingerprintTest#secrets")
        void noSecretInTheFingerprint(String sql) {
            String fp = SqlFingerprint.fingerprint(sql);
            for (String secret : new String[] {"hunter2", "4111111111111111", "bob@example.com", "s3cr3t", "987654"}) {
                assertFalse(fp.contains(secret), () -> fp + " leaks " + secret);
            }
        }
    }

    static Stream<String> secrets() {
        return Stream.of(
                "UPDATE users SET password = 'hunter2' WHERE email = 'bob@example.com'",
                "select * from cards where pan = 4111111111111111",
                "select * from u where pw = E'hunter2\\'s' and x = $$s3cr3t$$",
                "insert into u (email, pin) values ('bob@example.com', 987654), ('x', 'hunter2')",
                "select * from u where name = 'x' or 'hunter2' = 'hunter2' /* s3cr3t */",
                "select 1 -- hunter2",
                "select 1 # hunter2",
                "select * from u where pw = 'it''s hunter2'",
                "select * from u where pw = 'hunter2",
                "select * from u where token = X'987654' and b = 0x987654",
                "select * from u where pw in ('hunter2', 's3cr3t')",
                "select * from u where pw = 'a' /*app='hunter2'*/ and 1 = 1");
    }
}
