package com.example.sinkapp;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import java.io.File;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

/**
 * The sinks where query languages and probes land, outside any request: LDAP searches against a real directory
 * (UnboundID's in-memory server, on loopback), XPath compile and evaluate, a prepare that fails on H2, a child given
 * an environment variable, and file probes (which, outside a request, must not be recorded).
 * Usage: {@code QuerySinksApp <work dir>}.
 */
public final class QuerySinksApp {
    private static final String BASE = "ou=people,dc=example,dc=com";

    private QuerySinksApp() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                0, null));
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        directory.add("dn: " + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: uid=alice," + BASE, "objectClass: person", "uid: alice", "cn: alice");
        directory.startListening();
        try {
            Hashtable<String, String> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
            env.put(Context.PROVIDER_URL, "ldap://127.0.0.1:" + directory.getListenPort());
            InitialDirContext ctx = new InitialDirContext(env);
            count(ctx.search(BASE, "(&(uid=alice)(objectClass=person))", new SearchControls())); // @sink:ldap-search
            count(ctx.search(BASE, "(uid={0})", new Object[] {"alice"}, new SearchControls())); // @sink:ldap-args
            ctx.close();
        } finally {
            directory.shutDown(true);
        }

        Document users = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(
                new StringReader("<users><user id=\"7\"><name>alice</name><role>admin</role></user></users>")));
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.compile("//user[name='alice']/role").evaluate(users); // @sink:xpath-compile
        xpath.evaluate("count(//user[@id=7])", users); // @sink:xpath-evaluate

        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:query")) {
            db.prepareStatement("SELECT name FROM users WHERE name = 'alice'").close(); // @sink:prepare-failed
        } catch (java.sql.SQLException expected) {
            // no table users: H2 refuses the statement when it is prepared
        }

        ProcessBuilder greet = new ProcessBuilder("true");
        greet.environment().put("GREETING", "hello-alice");
        greet.start().waitFor(); // @sink:env

        Files.writeString(work.resolve("canary.txt"), "canary");
        boolean probed = new File(work.toFile(), "../canary.txt").exists() // @sink:probe
                | Files.exists(work.resolve("canary.txt")) | new File(work.toFile(), "canary.txt").length() > 0;
        System.out.println("query sinks done " + probed);
    }

    private static int count(NamingEnumeration<SearchResult> results) throws Exception {
        int n = 0;
        while (results.hasMore()) {
            results.next();
            n++;
        }
        results.close();
        return n;
    }
}
