package com.example.sinkapp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import javax.naming.InitialContext;

/**
 * Prints the results and the exceptions of sink calls, successful and failing, so a test can compare a run with
 * the agent to a run without it, line by line. Usage: BehaviourApp workDir closedPort [sleepMillis].
 */
public final class BehaviourApp {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int closedPort = Integer.parseInt(args[1]);
        long sleepMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;

        Path file = work.resolve("data.txt");
        Files.writeString(file, "line one\nline two\n");
        print("read", () -> Files.readAllLines(file));
        print("stream", () -> {
            try (FileInputStream in = new FileInputStream(file.toFile())) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).length();
            }
        });
        print("missing file", () -> new FileInputStream(work.resolve("missing.txt").toFile()));
        print("missing nio", () -> Files.readString(work.resolve("missing.txt")));

        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:behaviour", "sa", "")) {
            c.createStatement().execute("CREATE TABLE t (id INT, name VARCHAR(10))");
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            print("query", () -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT name FROM t ORDER BY id")) {
                    StringBuilder sb = new StringBuilder();
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append(' ');
                    }
                    return sb.toString();
                }
            });
            print("update count", () -> c.createStatement().executeUpdate("UPDATE t SET name = 'x' WHERE id > 0"));
            print("bad sql", () -> c.createStatement().executeQuery("SELEKT nothing"));
            print("missing table", () -> c.prepareStatement("SELECT * FROM nowhere").executeQuery());
        }
        print("closed port", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", closedPort), 2000);
                return "connected?";
            }
        });
        print("process", () -> {
            Process p = new ProcessBuilder("sh", "-c", "echo hello; exit 3").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() + " exit " + p.waitFor();
        });
        print("no such program", () -> new ProcessBuilder("/nonexistent/program").start());
        print("deserialize", () -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(List.of("a", "b"));
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        });
        print("corrupt stream", () -> new ObjectInputStream(new ByteArrayInputStream(new byte[]{1, 2, 3, 4})).readObject());
        print("jndi", () -> new InitialContext().lookup("java:comp/env/jdbc/orders"));
        Thread.sleep(sleepMillis);
        System.out.println("end");
    }

    interface Action {
        Object run() throws Exception;
    }

    private static void print(String label, Action action) {
        try {
            System.out.println(label + " -> " + action.run());
        } catch (Exception e) {
            System.out.println(label + " threw " + e.getClass().getName() + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getName()));
        }
    }
}
