package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class JdbcTargetsTest {

    private final JdbcTargets targets = new JdbcTargets(false);
    private final ThreadState thread = new ThreadState(false);
    private final Object connection = new Object();

    private Target resolve(Object statement) {
        return targets.resolve(Ops.JDBC_QUERY, statement, null, thread);
    }

    @Test
    void aStatementReportedTwiceByTheDriversOverloadsTakesOneRingSlot() {
        Object reportedTwice = new Object();
        String sql = "SELECT name FROM item WHERE id = ?";
        targets.statementCreated(thread, connection, reportedTwice, sql);
        targets.statementCreated(thread, connection, reportedTwice, sql);
        List<Object> others = new ArrayList<>();
        for (int i = 1; i < JdbcTargets.RING; i++) { // fills the ring only if the first statement took one slot
            Object other = new Object();
            others.add(other);
            targets.statementCreated(thread, connection, other, "UPDATE item SET hits = " + i);
        }
        assertEquals(0, targets.sharedStatements(), "nothing left the ring unclosed");
        assertNotNull(resolve(reportedTwice));
        targets.statementClosed(thread, reportedTwice);
        targets.statementClosed(thread, reportedTwice); // closed again (a wrapper's close calling its delegate's)
        assertNull(resolve(reportedTwice));
        assertNotNull(resolve(others.get(0)));
    }

    @Test
    void aStatementReportedAgainWithOtherSqlTakesTheNewSql() {
        Object statement = new Object();
        targets.statementCreated(thread, connection, statement, "SELECT 1");
        Target first = resolve(statement);
        targets.statementCreated(thread, connection, statement, "DELETE FROM item WHERE id = ?");
        Target second = resolve(statement);
        assertNotNull(first);
        assertNotNull(second);
        assertEquals("DELETE FROM item WHERE id = ?", second.text());
    }

    @Test
    void aStatementLeavingTheRingUnclosedIsStillFoundUntilItIsClosed() {
        Object kept = new Object();
        targets.statementCreated(thread, connection, kept, "SELECT price FROM item WHERE id = ?");
        Target target = resolve(kept);
        for (int i = 0; i < JdbcTargets.RING; i++) {
            targets.statementCreated(thread, connection, new Object(), "SELECT " + i);
        }
        assertEquals(1, targets.sharedStatements());
        assertSame(target, resolve(kept), "found in the shared map, from any thread");
        assertSame(target, targets.resolve(Ops.JDBC_QUERY, kept, null, new ThreadState(false)));
        targets.statementClosed(new ThreadState(false), kept);
        assertEquals(0, targets.sharedStatements());
        assertNull(resolve(kept));
    }
}
