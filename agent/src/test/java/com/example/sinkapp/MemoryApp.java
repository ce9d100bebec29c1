package com.example.sinkapp;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;

/**
 * Lets go of a web application's class loader and of a connection it never closed, and reports whether the garbage
 * collector could take each: {@code loader collected} and {@code connection collected}, or {@code ... retained}
 * after a bounded number of collections. Usage: MemoryApp test-classes-dir h2-jar.
 */
public final class MemoryApp {
    static final int ATTEMPTS = 50;

    public static void main(String[] args) throws Exception {
        WeakReference<ClassLoader> loader = deployRunUndeploy(Path.of(args[0]), Path.of(args[1]));
        System.out.println("loader " + (collected(loader) ? "collected" : "retained"));
        WeakReference<Connection> connection = dropAConnection();
        System.out.println("connection " + (collected(connection) ? "collected" : "retained"));
    }

    /** A web app in a loader of its own (parent: the platform loader, so java.sql is seen and the app's H2 is its). */
    private static WeakReference<ClassLoader> deployRunUndeploy(Path classes, Path h2) throws Exception {
        URLClassLoader webapp = new URLClassLoader("webapp", new URL[] {classes.toUri().toURL(), h2.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> app = webapp.loadClass("com.example.sinkapp.webapp.OrdersWebApp");
        if (app.getClassLoader() != webapp) {
            throw new IllegalStateException("the web app was loaded by " + app.getClassLoader());
        }
        Runnable requests = (Runnable) app.getDeclaredConstructor().newInstance();
        requests.run();
        app.getMethod("undeploy").invoke(null);
        webapp.close();
        return new WeakReference<>(webapp);
    }

    /** Opens a connection, prepares and runs a statement, and drops both unclosed (relying on GC, as some apps do). */
    private static WeakReference<Connection> dropAConnection() throws Exception {
        Driver driver = (Driver) Class.forName("org.h2.Driver").getDeclaredConstructor().newInstance();
        Connection c = driver.connect("jdbc:h2:mem:dropped;DB_CLOSE_DELAY=-1", new Properties());
        PreparedStatement ps = c.prepareStatement("SELECT ? + 1");
        ps.setInt(1, 41);
        try (ResultSet rs = ps.executeQuery()) { // @sink:dropped-query
            rs.next();
        }
        return new WeakReference<>(c);
    }

    /** A full collection clears weak references to what is unreachable; a count of attempts bounds the wait. */
    private static boolean collected(WeakReference<?> ref) {
        for (int i = 0; i < ATTEMPTS && ref.get() != null; i++) {
            System.gc();
        }
        return ref.get() == null;
    }
}
