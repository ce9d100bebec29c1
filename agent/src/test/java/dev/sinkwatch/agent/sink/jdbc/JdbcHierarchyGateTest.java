package dev.sinkwatch.agent.sink.jdbc;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The early JDBC answer from direct supertypes, and the memo it leaves for subclasses. */
class JdbcHierarchyGateTest {
    private final JdbcHierarchy hierarchy = new JdbcHierarchy();
    private final ClassLoader loader = new URLClassLoader(new URL[0], JdbcHierarchyGateTest.class.getClassLoader());

    @Test
    void aClassDirectlyImplementingAnInstrumentedInterfaceIsACandidate() {
        assertTrue(hierarchy.mayImplement(loader, "org.acme.Conn", new String[]{"java.lang.Object", "java.sql.Connection"}));
        assertTrue(hierarchy.mayImplement(loader, "org.acme.Drv", new String[]{"java.lang.Object", "java.sql.Driver"}));
        // A java.sql interface not yet described may extend Statement (PreparedStatement does): Byte Buddy decides.
        assertTrue(hierarchy.mayImplement(loader, "org.acme.Ps", new String[]{"java.lang.Object",
                "java.sql.PreparedStatement"}));
    }

    @Test
    void libraryClassesOutsideJdbcAreRejectedAndTheirSubclassesResolveFromTheMemo() {
        assertFalse(hierarchy.mayImplement(loader, "org.acme.Base", new String[]{"java.lang.Object",
                "java.io.Serializable", "javax.sql.DataSource"}));
        assertFalse(hierarchy.mayImplement(loader, "org.acme.Sub", new String[]{"org.acme.Base", "java.lang.Runnable"}));
        assertFalse(hierarchy.mayImplement(loader, "org.acme.SubSub", new String[]{"org.acme.Sub"}));
        // A class also implementing JDBC is still a candidate.
        assertTrue(hierarchy.mayImplement(loader, "org.acme.Mixed", new String[]{"org.acme.Sub", "java.sql.Statement"}));
    }

    @Test
    void anUnknownSupertypeLeavesTheDecisionToByteBuddy() {
        assertTrue(hierarchy.mayImplement(loader, "org.acme.Child", new String[]{"org.elsewhere.LoadedBeforeTheAgent"}));
        // ...in another loader too: the memo is per loader.
        hierarchy.mayImplement(loader, "org.acme.Base", new String[]{"java.lang.Object"});
        ClassLoader other = new URLClassLoader(new URL[0], loader);
        assertTrue(hierarchy.mayImplement(other, "org.acme.Sub", new String[]{"org.acme.Base"}));
    }

    @Test
    void theBootLoaderNeverHoldsACandidate() {
        assertFalse(hierarchy.mayImplement(null, "org.acme.Conn", new String[]{"java.lang.Object", "java.sql.Connection"}));
    }

    @Test
    void aClassLoadedBeforeTheAgentIsACandidateExactlyWhenItImplementsJdbc() {
        Class<?> statement = java.lang.reflect.Proxy.newProxyInstance(JdbcHierarchyGateTest.class.getClassLoader(),
                new Class<?>[]{java.sql.PreparedStatement.class}, (proxy, method, args) -> null).getClass();
        assertTrue(JdbcModule.gate().mayMatch(statement));
        assertFalse(JdbcModule.gate().mayMatch(java.sql.Statement.class), "an interface is never woven");
        assertFalse(JdbcModule.gate().mayMatch(JdbcHierarchyGateTest.class));
    }
}
