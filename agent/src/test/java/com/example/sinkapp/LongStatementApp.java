package com.example.sinkapp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Executes one 2 MB SQL statement (refused by the database, recorded all the same). Usage: LongStatementApp url. */
public final class LongStatementApp {
    public static void main(String[] args) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT x FROM sw_missing_table WHERE ");
        while (sql.length() < 2 * 1024 * 1024) {
            sql.append("col_a = col_b AND ");
        }
        sql.append("col_c = col_d");
        try (Connection c = DriverManager.getConnection(args[0]); Statement st = c.createStatement()) {
            st.execute(sql.toString()); // @sink:long
        } catch (SQLException refused) {
            System.out.println("refused: " + refused.getClass().getSimpleName());
        }
        System.out.println("long statement app done");
    }
}
