package com.example.requestapp;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Spring MVC app (DispatcherServlet on embedded Tomcat) with the injections that arrive through what the framework
 * parses: SSRF through a JSON {@code @RequestBody} field, SQL injection through a {@code @PathVariable} and through a
 * form field bound with {@code @RequestParam}. Calls itself once with each attack (the argument is the marker the
 * attack values carry) and prints {@code <name> <status>} per response.
 */
public final class SpringApp {
    static Connection db;
    static int port;
    static Path config;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    public static void main(String[] args) throws Exception {
        String marker = args[0];
        db = DriverManager.getConnection("jdbc:h2:mem:spring;DB_CLOSE_DELAY=-1");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(64))");
            s.execute("INSERT INTO users VALUES (1, 'alice'), (2, 'bob')");
        }
        Path home = Files.createTempDirectory("spring-app");
        config = Files.writeString(home.resolve("report.json"), "{\"filter\":\"name = 'alice'\"}");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(home.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", home.toString());
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(Web.class, Api.class);
        Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring)).setLoadOnStartup(1);
        context.addServletMappingDecoded("/", "dispatcher");
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();

        String quote = marker + "' OR '1'='1";
        call("json-ssrf", "POST", "/fetch", "application/json",
                "{\"note\":\"" + marker + "\",\"url\":\"http://127.0.0.1:" + port + "/ok\"}");
        call("path-sql", "GET", "/users/" + URLEncoder.encode(quote, StandardCharsets.UTF_8).replace("+", "%20"),
                null, null);
        call("form-sql", "POST", "/search", "application/x-www-form-urlencoded",
                "name=" + URLEncoder.encode(quote, StandardCharsets.UTF_8));
        call("config-sql", "POST", "/report", "application/json", "{\"title\":\"" + marker + "\"}");
        tomcat.stop();
        tomcat.destroy();
    }

    private static void call(String label, String method, String path, String contentType, String body)
            throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        System.out.println(label + " " + status);
    }

    static String names(ResultSet rs) throws SQLException {
        StringBuilder found = new StringBuilder();
        while (rs.next()) {
            found.append(rs.getString(1)).append(' ');
        }
        return found.toString().trim();
    }

    @Configuration
    @EnableWebMvc
    public static class Web {
    }

    /** The JSON body of {@code POST /fetch}. */
    public static class FetchRequest {
        public String note;
        public String url;
    }

    @RestController
    public static class Api {
        @PostMapping("/fetch")
        public String fetch(@RequestBody FetchRequest request) throws Exception {
            try (InputStream in = URI.create(request.url).toURL().openStream()) { // @sink:json-ssrf
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        @GetMapping("/ok")
        public String ok() {
            return "ok";
        }

        /**
         * SQL built from a configuration file and from another service's answer, both JSON parsed with Jackson while
         * serving a request with a JSON body of its own: their strings are not the request's inputs.
         */
        @PostMapping("/report")
        public String report(@RequestBody java.util.Map<String, String> body) throws Exception {
            String own;
            try (InputStream in = Files.newInputStream(config)) {
                own = MAPPER.readTree(in).get("filter").asText();
            }
            String upstream;
            try (InputStream in = URI.create("http://127.0.0.1:" + port + "/upstream").toURL().openStream()) {
                upstream = MAPPER.readTree(in).get("filter").asText();
            }
            String fromString = MAPPER.readTree("{\"filter\":\"name = 'carol'\"}").get("filter").asText();
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM users WHERE " + own + " OR " + upstream // @sink:config-sql
                         + " OR " + fromString)) {
                return body.get("title").length() + " " + names(rs);
            }
        }

        @GetMapping(value = "/upstream", produces = "application/json")
        public String upstream() {
            return "{\"filter\":\"name = 'bob'\"}";
        }

        @GetMapping("/users/{name}")
        public String user(@PathVariable("name") String name) throws SQLException {
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM users WHERE name = '" + name + "'")) { // @sink:path-sql
                return names(rs);
            }
        }

        @PostMapping("/search")
        public String search(@RequestParam("name") String name) throws SQLException {
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM users WHERE name = '" + name + "'")) { // @sink:form-sql
                return names(rs);
            }
        }
    }
}
