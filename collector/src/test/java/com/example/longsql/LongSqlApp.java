package com.example.longsql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Executes one 2 MB SQL statement on H2 (refused by the database, recorded all the same), then exits; the agent's
 * shutdown hook sends what it has. Prints {@code done}.
 */
public final class LongSqlApp {
    public static void main(String[] args) {
        StringBuilder sql = new StringBuilder("SELECT x FROM sw_missing_table WHERE ");
        while (sql.length() < 2 * 1024 * 1024) {
            sql.append("col_a = col_b AND ");
        }
        sql.append("col_c = col_d");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:longsql"); Statement st = c.createStatement()) {
            st.execute(sql.toString());
        } catch (SQLException refused) {
            System.out.println("refused: " + refused.getClass().getSimpleName());
        }
        System.out.println("done");
    }
}
