package com.example.sinkapp.drivercalls;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts what is called on the application's JDBC objects that the application never calls itself
 * ({@code isClosed}, {@code getMetaData}), with a real H2 connection underneath:
 * <ol>
 *   <li>the hot path: a pool-like wrapper connection opened through {@code DriverManager} prepares, executes and
 *       closes 200 statements, and keeps 12 open that it executes again at the end (more than the agent's ring of
 *       recent statements, from another thread);</li>
 *   <li>a connection nothing names the database of (H2's, opened without {@code Driver.connect}) on a fresh thread
 *       prepares 30 statements.</li>
 * </ol>
 * Prints one line per part. Usage: DriverCallsApp
 */
public final class DriverCallsApp {
    public static void main(String[] args) throws Exception {
        List<PreparedStatement> kept = new ArrayList<>();
        try (Connection connection = new CountingConnection(DriverManager.getConnection("jdbc:h2:mem:calls"))) {
            connection.createStatement().execute("CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(20))");
            for (int i = 0; i < 200; i++) {
                try (PreparedStatement s = connection.prepareStatement("SELECT name FROM items WHERE id = ?")) { // @sink:hot-prepare
                    s.setInt(1, i);
                    try (ResultSet rs = s.executeQuery()) { // @sink:hot-query
                        rs.next();
                    }
                }
            }
            for (int i = 0; i < 12; i++) {
                kept.add(connection.prepareStatement("SELECT COUNT(*) FROM items WHERE id > ?"));
            }
            Thread other = new Thread(() -> runKept(kept));
            other.start();
            other.join();
            for (PreparedStatement s : kept) {
                s.close();
            }
            System.out.println("hot path: " + DriverCalls.describe());
        }
        DriverCalls.reset();
        Thread fresh = new Thread(DriverCallsApp::unexplainedConnection);
        fresh.start();
        fresh.join();
        System.out.println("unexplained connection: " + DriverCalls.describe());
    }

    private static void runKept(List<PreparedStatement> kept) {
        try {
            for (PreparedStatement s : kept) {
                s.setInt(1, 0);
                try (ResultSet rs = s.executeQuery()) { // @sink:kept-query
                    rs.next();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unexplainedConnection() {
        try (Connection connection = new CountingH2Connection("jdbc:h2:mem:unexplained")) {
            for (int i = 0; i < 30; i++) {
                try (PreparedStatement s = connection.prepareStatement("SELECT " + (i % 3) + " FROM DUAL")) { // @sink:unexplained-prepare
                    s.executeQuery().close(); // @sink:unexplained-query
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
