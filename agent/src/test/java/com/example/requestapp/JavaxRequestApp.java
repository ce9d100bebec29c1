package com.example.requestapp;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The older servlet API: a {@code javax.servlet} app on embedded Jetty 9 with a SQL injection through a query
 * parameter. Calls itself with the values given as arguments ({@code /users?name=<value>}) and prints
 * {@code <status> <body>} per response.
 */
public final class JavaxRequestApp {
    private static Connection db;

    public static void main(String[] args) throws Exception {
        db = DriverManager.getConnection("jdbc:h2:mem:javax;DB_CLOSE_DELAY=-1");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(64))");
            s.execute("INSERT INTO users VALUES (1, 'alice'), (2, 'bob')");
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Users()), "/users");
        server.setHandler(context);
        server.start();
        int port = connector.getLocalPort();
        for (String value : args) {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/users?name="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)).toURL().openConnection();
            int status = c.getResponseCode();
            byte[] body = (status < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes();
            System.out.println(status + " " + new String(body, StandardCharsets.UTF_8).trim());
        }
        server.stop();
    }

    static final class Users extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            StringBuilder found = new StringBuilder();
            String name = request.getParameter("name");
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM users WHERE name = '" + name + "'")) { // @sink:javax-query
                while (rs.next()) {
                    found.append(rs.getString(1)).append(' ');
                }
            } catch (SQLException e) {
                response.setStatus(500);
            }
            response.setContentType("text/plain");
            response.getWriter().write("found: " + found.toString().trim());
        }
    }
}
