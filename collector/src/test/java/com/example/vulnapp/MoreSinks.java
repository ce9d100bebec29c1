package com.example.vulnapp;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Hashtable;
import javax.naming.NamingEnumeration;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

/**
 * The vulnerable app's endpoints for the sinks where injections land beyond SQL, shells, files, URLs and JNDI names:
 * an LDAP search filter (against a real in-memory directory, UnboundID's, started here on loopback), an XPath
 * expression, a file probe, a child's environment, and a prepared statement whose prepare fails. Each has a safe
 * twin or benign use where it matters. Never deploy it.
 */
final class MoreSinks {
    private static final String BASE = "ou=people,dc=example,dc=com";
    private static final String USERS_XML = "<users><user><name>alice</name><role>admin</role></user>"
            + "<user><name>bob</name><role>clerk</role></user></users>";

    private static String ldapUrl;
    private static Path files;
    private static Connection db;
    private static Document users;

    private MoreSinks() {
    }

    /** Starts the directory and adds the endpoints. */
    static void addTo(Context context, Path home, Connection database) throws Exception {
        files = home.resolve("files");
        db = database;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setSchema(null); // entries without a schema: the test is about filters, not object classes
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                0, null));
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        directory.add("dn: " + BASE, "objectClass: organizationalUnit", "ou: people");
        for (String uid : new String[] {"alice", "bob"}) {
            directory.add("dn: uid=" + uid + "," + BASE, "objectClass: person", "uid: " + uid, "cn: " + uid,
                    "userPassword: " + uid + "-secret");
        }
        directory.startListening();
        ldapUrl = "ldap://127.0.0.1:" + directory.getListenPort();
        users = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(USERS_XML)));
        add(context, "/directory", new Directory());
        add(context, "/directory/safe", new DirectorySafe());
        add(context, "/role", new Role());
        add(context, "/exists", new Exists());
        add(context, "/greet", new Greet());
        add(context, "/column", new Column());
    }

    private static void add(Context context, String path, HttpServlet servlet) {
        String name = "MoreSinks" + servlet.getClass().getSimpleName();
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(path, name);
    }

    private static void answer(HttpServletResponse response, String body) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().println(body);
    }

    private static void failed(HttpServletResponse response, Exception e) throws IOException {
        response.setStatus(500);
        answer(response, "error: " + e.getClass().getSimpleName());
    }

    private static InitialDirContext directory() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(javax.naming.Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(javax.naming.Context.PROVIDER_URL, ldapUrl);
        return new InitialDirContext(env);
    }

    private static int count(NamingEnumeration<SearchResult> results) throws Exception {
        int n = 0;
        try {
            while (results.hasMore()) {
                results.next();
                n++;
            }
        } finally {
            results.close();
        }
        return n;
    }

    /** LDAP injection: the user name concatenated into the search filter. */
    static final class Directory extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                InitialDirContext ctx = directory();
                try {
                    String filter = "(&(uid=" + req.getParameter("user") + ")(objectClass=person))";
                    answer(resp, count(ctx.search(BASE, filter, new SearchControls())) + " entries");
                } finally {
                    ctx.close();
                }
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** The same search with the name as a filter argument: the provider escapes it, whatever it holds. */
    static final class DirectorySafe extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                InitialDirContext ctx = directory();
                try {
                    answer(resp, count(ctx.search(BASE, "(&(uid={0})(objectClass=person))",
                            new Object[] {req.getParameter("user")}, new SearchControls())) + " entries");
                } finally {
                    ctx.close();
                }
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** XPath injection: the name concatenated into a string literal of the expression. */
    static final class Role extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String expression = "//user[name/text()='" + req.getParameter("name") + "']/role/text()";
                answer(resp, "role: " + XPathFactory.newInstance().newXPath().evaluate(expression, users));
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** A file probe on a path the request builds: tells whether any file on the machine exists. */
    static final class Exists extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            answer(resp, new File(files.toFile(), req.getParameter("name")).exists() ? "yes" : "no");
        }
    }

    /** Command injection through the environment: the script evaluates the variable the request filled. */
    static final class Greet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                ProcessBuilder command = new ProcessBuilder("sh", "-c", "eval \"echo $GREETING\"");
                command.environment().put("GREETING", req.getParameter("msg"));
                Process p = command.redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                answer(resp, out);
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }

    /** SQL injection into a column name of a prepared statement: an attack breaks the SQL, so the prepare fails. */
    static final class Column extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (PreparedStatement ps = db.prepareStatement("SELECT " + req.getParameter("col")
                    + " FROM users WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    answer(resp, rs.next() ? "found" : "none");
                }
            } catch (Exception e) {
                failed(resp, e);
            }
        }
    }
}
