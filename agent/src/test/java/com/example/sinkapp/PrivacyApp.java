package com.example.sinkapp;

import java.io.FileInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a secret marker where the agent must never export it: inside SQL literals and comments as the database at
 * {@code url} reads them, in paths (home directories, e-mail addresses, tokens), in glued command arguments and
 * executables under a home directory, in a JDBC URL password with an unencoded {@code /} and {@code ?}, and in the
 * thread's name. Statements the database refuses are still recorded by the agent, so they count too.
 * Usage: PrivacyApp url user password marker.
 */
public final class PrivacyApp {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String m = args[3];
        Thread.currentThread().setName("privacy-" + m + "@example.com");
        int ok = 0;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            for (String sql : statements(url, m)) {
                try (Statement st = c.createStatement()) {
                    st.execute(sql); // @sink:plain
                    ok++;
                } catch (SQLException refused) {
                    // a statement the database refuses is recorded all the same
                }
                try {
                    c.prepareStatement(sql).execute(); // @sink:prepared
                } catch (SQLException refused) {
                    // idem
                }
            }
        }
        String badUrl = url.startsWith("jdbc:h2:") ? url
                : url.replace("://", "://" + user + ":" + m + "/x?" + m + "@");
        try {
            DriverManager.getConnection(badUrl, user, m + "/x?y").close(); // @sink:bad-url
        } catch (SQLException refused) {
            // expected for most drivers
        }
        for (String path : new String[] {"/home/" + m + "/.ssh/id_rsa", "/tmp/inbox/" + m + "@example.com/x.eml",
            "/tmp/tokens/ghp_" + m + "A1b2C3d4E5f6G7h8"}) {
            try (FileInputStream in = new FileInputStream(path)) { // @sink:file
                in.read();
            } catch (IOException absent) {
                // the open is what counts
            }
        }
        for (List<String> command : List.of(List.of("true", "-p" + m), List.of("/home/" + m + "/bin/true"))) {
            try {
                new ProcessBuilder(command).start().waitFor(); // @sink:exec
            } catch (IOException absent) {
                // the executable under a home directory does not exist
            }
        }
        System.out.println("privacy app done: " + ok + " statements accepted");
    }

    /** How many statements {@link #statements} gives for this URL. */
    public static int statementsFor(String url) {
        return statements(url, "m").size();
    }

    /** Statements holding the marker in literals or comments, as this database reads them. */
    static List<String> statements(String url, String m) {
        List<String> sql = new ArrayList<>(List.of(
                "SELECT 'C:\\', '" + m + "'",
                "SELECT '" + m + "' AS x",
                "SELECT 1 -- " + m,
                "SELECT 1 /* " + m + " */"));
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            sql.add("SELECT \"" + m + "\"");
            sql.add("SELECT 1 #password=" + m);
            sql.add("SELECT 'it\\'s " + m + "'");
            sql.add("SELECT 'C:\\\\', '" + m + "'");
        } else if (url.startsWith("jdbc:postgresql:")) {
            sql.add("SELECT E'it\\'s " + m + "'");
            sql.add("SELECT $t$" + m + "$t$");
            sql.add("SELECT 1 /* a /* b */ " + m + " */");
        } else {
            sql.add("SELECT $$" + m + "$$");
            sql.add("SELECT 1 /* a /* b */ " + m + " */");
        }
        return sql;
    }
}
