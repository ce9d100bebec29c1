package com.example.sinkapp.webapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A web application's stand-in for {@code MemoryApp}: loaded, with its own copy of the H2 driver, by a class
 * loader of its own, it runs statements the way a request would, and on undeploy deregisters its driver as a
 * servlet container does.
 */
public final class OrdersWebApp implements Runnable {
    static final String URL = "jdbc:h2:mem:webapp_orders";

    @Override
    public void run() {
        try (Connection c = org.h2.Driver.load().connect(URL, new Properties())) { // @sink:webapp-connect
            try (Statement ddl = c.createStatement()) {
                ddl.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT)");
            }
            for (int i = 0; i < 20; i++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?)")) {
                    ps.setInt(1, i);
                    ps.setInt(2, i * 10);
                    ps.executeUpdate(); // @sink:webapp-insert
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
                ps.setInt(1, 3);
                try (ResultSet rs = ps.executeQuery()) { // @sink:webapp-query
                    rs.next();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Undeploy: what a servlet container does for a web application's JDBC driver. */
    public static void undeploy() {
        org.h2.Driver.unload();
    }
}
