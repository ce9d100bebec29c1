package com.example.sinkapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * A small application doing JDBC the ways real code does: plain statements, prepared statements, batches, and
 * HikariCP + Spring's JdbcTemplate, on the main thread and a worker. Each sink call is tagged with a
 * {@code @sink:label} comment: the tests find its line by that label. Usage: JdbcApp url user password.
 */
public final class JdbcApp {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        try (Connection c = DriverManager.getConnection(url, user, password)) { // @sink:connect
            Statement st = c.createStatement();
            st.execute("DROP TABLE IF EXISTS sw_orders"); // @sink:drop
            st.execute("CREATE TABLE sw_orders (id INT PRIMARY KEY, customer VARCHAR(64), total INT)"); // @sink:create
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sw_orders (id, customer, total) VALUES (?, ?, ?)")) {
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, i % 2 == 0 ? "alice" : "bob");
                    ps.setInt(3, 100 * i);
                    ps.addBatch();
                }
                ps.executeBatch(); // @sink:batch
            }
            for (int i = 0; i < 5; i++) {
                st.executeQuery("SELECT * FROM sw_orders WHERE id = " + i + " AND customer <> 'mallory'").close(); // @sink:statement-query
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT total FROM sw_orders WHERE customer = ?")) {
                ps.setString(1, "bob");
                try (ResultSet rs = ps.executeQuery()) { // @sink:prepared-query
                    while (rs.next()) {
                        rs.getInt(1);
                    }
                }
            }
            st.executeUpdate("UPDATE sw_orders SET total = 0 WHERE id = 1"); // @sink:update
        }

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            List<String> rich = jdbc.queryForList("SELECT customer FROM sw_orders WHERE total > ?", String.class, 150); // @sink:template-query
            jdbc.update("DELETE FROM sw_orders WHERE id = ?", 3); // @sink:template-update
            Thread worker = new Thread(() -> jdbc.queryForObject("SELECT COUNT(*) FROM sw_orders", Integer.class), "order-worker"); // @sink:worker-query
            worker.start();
            worker.join();
            System.out.println("rich customers: " + rich.size());
        }
        System.out.println("jdbc app done");
    }
}
