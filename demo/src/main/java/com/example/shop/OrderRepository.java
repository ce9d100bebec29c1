package com.example.shop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Orders in an in-memory H2 database. {@link #byCustomer} builds SQL by concatenation: the injectable one. */
final class OrderRepository implements AutoCloseable {

    private final Connection connection;

    private OrderRepository(Connection connection) {
        this.connection = connection;
    }

    static OrderRepository open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orders (id IDENTITY PRIMARY KEY, customer VARCHAR(64), "
                    + "total INT)");
        }
        return new OrderRepository(connection);
    }

    void place(String customer, int total) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO orders (customer, total) VALUES (?, ?)")) {
            insert.setString(1, customer);
            insert.setInt(2, total);
            insert.executeUpdate();
        }
    }

    int byId(long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    int byCustomer(String customer) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT id, total FROM orders WHERE customer = '" + customer + "'")) {
            int count = 0;
            while (rows.next()) {
                count++;
            }
            return count;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
