package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a literal ends depends on the database: each dialect's rules, and the cases of issue 9 in every dialect. */
class SqlDialectTest {

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("shapes")
    void fingerprint(SqlDialect dialect, String sql, String expected) {
        assertEquals(expected, SqlFingerprint.fingerprint(sql, dialect), () -> dialect + ": " + sql);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                // a backslash is an ordinary character in H2, SQL Server and Oracle strings
                Arguments.of(SqlDialect.H2, "SELECT 'C:\\', 'secret'", "SELECT ?, ?"),
                Arguments.of(SqlDialect.SQLSERVER, "SELECT 'C:\\', 'secret'", "SELECT ?, ?"),
                Arguments.of(SqlDialect.ORACLE, "SELECT 'C:\\', 'secret' FROM dual", "SELECT ?, ? FROM dual"),
                // PostgreSQL and MySQL read it by a server setting: the rest folds
                Arguments.of(SqlDialect.POSTGRESQL, "SELECT 'C:\\', 'secret'", "SELECT ?"),
                Arguments.of(SqlDialect.MYSQL, "SELECT 'C:\\', 'secret'", "SELECT ?"),
                Arguments.of(SqlDialect.MYSQL, "SELECT 'a\\\\', 'b'", "SELECT ?, ?"),
                Arguments.of(SqlDialect.POSTGRESQL, "SELECT E'it\\'s', 'b'", "SELECT ?, ?"),
                // ".." is a string in MySQL (and SQL Server without QUOTED_IDENTIFIER), an identifier elsewhere
                Arguments.of(SqlDialect.MYSQL, "SELECT * FROM u WHERE pw = \"secret\"", "SELECT * FROM u WHERE pw = ?"),
                Arguments.of(SqlDialect.POSTGRESQL, "SELECT \"user 1\".\"id\" FROM \"user 1\"",
                        "SELECT \"user 1\".\"id\" FROM \"user 1\""),
                Arguments.of(SqlDialect.H2, "select \"a\"\"b\" from t", "select \"a\"\"b\" from t"),
                Arguments.of(SqlDialect.MYSQL, "select `order 2`.`x` from `order 2`", "select `order 2`.`x` from `order 2`"),
                // # comments in MySQL, with or without a space; #temp tables elsewhere
                Arguments.of(SqlDialect.MYSQL, "SELECT 1 #password=secret\n, 2", "SELECT ? #? , ?"),
                Arguments.of(SqlDialect.MYSQL, "SELECT a#secret", "SELECT a#?"),
                Arguments.of(SqlDialect.SQLSERVER, "select * from #tmp2", "select * from #tmp2"),
                Arguments.of(SqlDialect.SQLSERVER, "select [Order Details].[Unit Price 2] from [Order Details]",
                        "select [Order Details].[Unit Price 2] from [Order Details]"),
                Arguments.of(SqlDialect.UNKNOWN, "select [it's] from t where a = 'secret'", "select ?"),
                // nested comments in PostgreSQL and SQL Server; flat in MySQL and Oracle; H2 and unknown: maybe
                Arguments.of(SqlDialect.H2, "SELECT 1 /* a /* b */ secret */ FROM t", "SELECT ? /*?"),
                Arguments.of(SqlDialect.H2, "SELECT 1 // secret\n FROM t", "SELECT ? //? FROM t"),
                Arguments.of(SqlDialect.POSTGRESQL, "SELECT 1 /* a /* b */ secret */ FROM t", "SELECT ? /*?*/ FROM t"),
                Arguments.of(SqlDialect.SQLSERVER, "SELECT 1 /* /* */ secret */", "SELECT ? /*?*/"),
                Arguments.of(SqlDialect.MYSQL, "SELECT 1 /* a /* b */ FROM t", "SELECT ? /*?*/ FROM t"),
                Arguments.of(SqlDialect.POSTGRESQL, "SELECT 1 /* a /* b */ FROM t", "SELECT ? /*?"),
                // dollar quoting in PostgreSQL and H2 only
                Arguments.of(SqlDialect.POSTGRESQL, "select $fn$ body $x$ still $fn$ as f", "select ? as f"),
                Arguments.of(SqlDialect.H2, "select $$secret; 'stuff'$$, 1", "select ?, ?"),
                Arguments.of(SqlDialect.MYSQL, "select a$b, '$x$ secret' from t", "select a$b, ? from t"),
                Arguments.of(SqlDialect.POSTGRESQL, "select x from t where c = $1", "select x from t where c = $1"),
                // Oracle's alternative quoting
                Arguments.of(SqlDialect.ORACLE, "SELECT q'[it's secret]', Q'{x}', nq'(y)', q'!a'b!' FROM dual",
                        "SELECT ?, ?, ?, ? FROM dual"),
                Arguments.of(SqlDialect.ORACLE, "SELECT q'<never closed secret", "SELECT ?"),
                Arguments.of(SqlDialect.POSTGRESQL, "SELECT q'[x]'", "SELECT q?"),
                // unknown: every reading that may hide a literal folds
                Arguments.of(SqlDialect.UNKNOWN, "SELECT q'[it's]' , secret", "SELECT ?"),
                Arguments.of(SqlDialect.UNKNOWN, "SELECT $x$ ' $x$ secret '", "SELECT ?"),
                Arguments.of(SqlDialect.UNKNOWN, "SELECT 'C:\\', 'secret'", "SELECT ?"),
                Arguments.of(SqlDialect.UNKNOWN, "SELECT 1 /* /* */ ' */ secret '", "SELECT ? /*?"),
                Arguments.of(SqlDialect.UNKNOWN, "SELECT 1 /* /* */ secret */", "SELECT ? /*?"));
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void theCasesOfIssue9LeakNothingInAnyDialect(SqlDialect dialect) {
        String[] statements = {
            "SELECT 'C:\\', 'secret'",
            "SELECT * FROM u WHERE pw = \"secret\"",
            "SELECT 1 #password=secret",
            "SELECT 1 /* a /* b */ secret */",
            "SELECT q'[secret]' FROM dual",
            "SELECT q'[it's]', 'secret' FROM dual",
            "SELECT E'\\'', 'secret'",
            "SELECT $a$ ' $a$ secret '",
        };
        for (String sql : statements) {
            String fp = SqlFingerprint.fingerprint(sql, dialect);
            // where the database reads "secret" as SQL code (not a literal) it may stay; check the rest
            if (isCodeIn(dialect, sql)) {
                continue;
            }
            assertFalse(fp.contains("secret"), () -> dialect + ": " + sql + " -> " + fp);
        }
    }

    /** Statements in which {@code secret} is SQL code for this database, not a value. */
    private static boolean isCodeIn(SqlDialect dialect, String sql) {
        return (sql.startsWith("SELECT 1 /* a /*") && dialect.nestedComments == SqlDialect.Quoting.OFF)
                || (sql.startsWith("SELECT * FROM u WHERE pw = \"") && !dialect.doubleQuotedStrings)
                || (sql.startsWith("SELECT 1 #") && !dialect.hashComments)
                || (sql.startsWith("SELECT q'[it's]'") && dialect.qQuotes == SqlDialect.Quoting.OFF)
                || (sql.startsWith("SELECT E'") && dialect.escapeStrings == SqlDialect.Backslash.PLAIN)
                || (sql.startsWith("SELECT $a$") && dialect.dollarQuotes == SqlDialect.Quoting.ON);
    }

    @Test
    void dialectsComeFromTheJdbcUrlSystem() {
        assertEquals(SqlDialect.POSTGRESQL, SqlDialect.of(JdbcUrl.parse("jdbc:postgresql://h/db").system()));
        assertEquals(SqlDialect.MYSQL, SqlDialect.of(JdbcUrl.parse("jdbc:mariadb://h/db").system()));
        assertEquals(SqlDialect.MYSQL, SqlDialect.of(JdbcUrl.parse("jdbc:mysql://h/db").system()));
        assertEquals(SqlDialect.H2, SqlDialect.of(JdbcUrl.parse("jdbc:h2:mem:x").system()));
        assertEquals(SqlDialect.SQLSERVER, SqlDialect.of(JdbcUrl.parse("jdbc:sqlserver://h;databaseName=d").system()));
        assertEquals(SqlDialect.ORACLE, SqlDialect.of(JdbcUrl.parse("jdbc:oracle:thin:@//h:1521/s").system()));
        assertEquals(SqlDialect.UNKNOWN, SqlDialect.of(JdbcUrl.parse("jdbc:db2://h/d").system()));
        assertEquals(SqlDialect.UNKNOWN, SqlDialect.of(null));
    }
}
