package com.example.sinkapp;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.spi.InitialContextFactory;

/**
 * Sinks of one kind run inside a sink of another: a process started inside a JNDI lookup (by the context factory),
 * and a process and a file read run inside a JDBC driver's connect (an H2 {@code INIT=RUNSCRIPT} whose script calls
 * a Java alias). Each must be recorded at its own call site. Usage: NestedSinksApp.
 */
public final class NestedSinksApp {
    public static void main(String[] args) throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, ExecOnLookup.class.getName());
        Object found = new InitialContext(env).lookup("app/nested"); // @sink:lookup
        Path script = Files.createTempFile("sw-init", ".sql");
        Files.writeString(script, "CREATE ALIAS IF NOT EXISTS SW_NESTED FOR \"" + NestedSinksApp.class.getName()
                + ".insideConnect\";\nCALL SW_NESTED();\n", StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:nested;INIT=RUNSCRIPT FROM '" + script + "'")) { // @sink:connect
            c.isValid(1);
        } finally {
            Files.deleteIfExists(script);
        }
        System.out.println("nested sinks app done: " + found);
    }

    /** Called by H2 while it runs the INIT script, inside {@code Driver.connect}. */
    public static int insideConnect() throws Exception {
        new ProcessBuilder("true").start().waitFor(); // @sink:exec-in-connect
        try (FileInputStream in = new FileInputStream("/etc/hostname")) { // @sink:read-in-connect
            in.read();
        } catch (IOException absent) {
            // the open is what counts
        }
        return 1;
    }

    /** A JNDI provider that starts a process while it looks a name up. */
    public static final class ExecOnLookup implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) java.lang.reflect.Proxy.newProxyInstance(NestedSinksApp.class.getClassLoader(),
                    new Class<?>[] {Context.class}, (proxy, method, methodArgs) -> {
                        if (method.getName().equals("lookup")) {
                            try {
                                new ProcessBuilder("true").start().waitFor(); // @sink:exec-in-lookup
                            } catch (IOException | InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return "found";
                        }
                        return null;
                    });
        }
    }
}
