package dev.sinkwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TransientSqlStatesTest {

    @Test
    @DisplayName("a database restart mid-transaction (08xxx, 57P01-03) is retried; a real error is not")
    void connectionLossIsTransient() {
        for (String state : new String[] {"08000", "08003", "08006", "08001", "57P01", "57P02", "57P03", "40001"}) {
            assertTrue(AlertTransactions.isTransient(new SQLException("x", state)), state);
        }
        assertTrue(AlertTransactions.isTransient(new SQLException("wrapped", null, new SQLException("x", "57P01"))));
        for (String state : new String[] {"22001", "42P01", "23502"}) {
            assertFalse(AlertTransactions.isTransient(new SQLException("x", state)), state);
        }
    }
}
