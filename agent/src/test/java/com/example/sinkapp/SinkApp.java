package com.example.sinkapp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileWriter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Touches every non-JDBC sink once, each call tagged with a {@code @sink:label} comment. Usage:
 * SinkApp workDir httpPort tcpPort. Everything it touches is its own (files under workDir) or on loopback.
 */
public final class SinkApp {

    /** A class of the application's own that it serialises and reads back. */
    public static final class Order implements Serializable {
        private static final long serialVersionUID = 1L;
        final String customer;

        Order(String customer) {
            this.customer = customer;
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        int tcpPort = Integer.parseInt(args[2]);

        Path canary = work.resolve("canary.txt");
        Files.writeString(canary, "canary"); // @sink:files-write
        try (FileInputStream in = new FileInputStream(canary.toFile())) { // @sink:file-read
            in.read();
        }
        Files.readAllBytes(canary); // @sink:files-read
        try (FileWriter w = new FileWriter(work.resolve("report-2024-06-01.txt").toFile())) { // @sink:file-write
            w.write("report");
        }
        Files.createDirectories(work.resolve("sub"));
        try (FileInputStream in = new FileInputStream(work + "/sub/../canary.txt")) { // @sink:traversal
            in.read();
        }
        try (Stream<Path> files = Files.list(work)) { // @sink:files-list
            files.count();
        }
        new File(work.toFile(), "report-2024-06-01.txt").renameTo(new File(work.toFile(), "archived.txt")); // @sink:file-rename
        Files.delete(work.resolve("archived.txt")); // @sink:files-delete

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", tcpPort), 2000); // @sink:socket
        }
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", tcpPort))) { // @sink:channel
            channel.isConnected();
        }
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(new byte[]{1}, 1, InetAddress.getLoopbackAddress(), 9)); // @sink:datagram
        }
        InetAddress.getByName("localhost"); // @sink:dns
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + httpPort + "/orders/42?token=s3cr3t").openConnection();
        http.getResponseCode(); // @sink:urlconnection
        http.disconnect();
        HttpClient client = HttpClient.newHttpClient();
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/hello?user=alice")).build(), HttpResponse.BodyHandlers.ofString()); // @sink:httpclient

        new ProcessBuilder("true").start().waitFor(); // @sink:process
        Runtime.getRuntime().exec(new String[]{"id", "-u"}).waitFor(); // @sink:runtime-exec

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            List<Order> orders = new ArrayList<>();
            orders.add(new Order("alice"));
            out.writeObject(orders);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.readObject(); // @sink:deserialize
        }

        Hashtable<String, String> env = new Hashtable<>();
        env.put("com.sun.jndi.ldap.connect.timeout", "500");
        try {
            new InitialContext(env).lookup("ldap://127.0.0.1:1/cn=orders"); // @sink:jndi
        } catch (NamingException expected) {
            // nothing listens on port 1: the lookup fails, and is recorded as an error
        }

        Thread worker = new Thread(() -> readQuietly(canary), "canary-reader");
        worker.start();
        worker.join();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> Files.readString(work.resolve("canary.txt"))).get(); // @sink:pool-read
        pool.shutdown();
        System.out.println("sink app done");
    }

    private static void readQuietly(Path file) {
        try {
            Files.readString(file); // @sink:thread-read
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
