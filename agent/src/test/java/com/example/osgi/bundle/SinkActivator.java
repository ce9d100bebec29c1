package com.example.osgi.bundle;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * The activator of the bundle {@code OsgiBundleIT} builds: when started it reads a file it wrote, starts a process
 * and queries H2 (embedded in the bundle, so loaded by the bundle's class loader), then prints what it got. Any
 * throwable reaches the framework, which fails the bundle's start.
 */
public final class SinkActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws Exception {
        Path file = Files.createTempFile("sw-osgi", ".txt");
        Files.writeString(file, "bundle data", StandardCharsets.UTF_8);
        String read;
        try (FileInputStream in = new FileInputStream(file.toFile())) { // @sink:read
            read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
        int exit = new ProcessBuilder("true").start().waitFor(); // @sink:exec
        long rows;
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:mem:osgi", new Properties()); // @sink:connect
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES")) { // @sink:query
            rs.next();
            rows = rs.getLong(1) > 0 ? 1 : 0;
        }
        System.out.println("bundle activator: read=" + read + " exit=" + exit + " rows=" + rows);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
