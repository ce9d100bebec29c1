package dev.sinkwatch.agent.install;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every class load is checked against before Byte Buddy sees it. */
class TypeFilterTest {
    private final ClassLoader app = TypeFilterTest.class.getClassLoader();
    private final TypeFilter filter = new TypeFilter(Set.of("java.io.FileInputStream", "sun.nio.ch.SocketChannelImpl"),
            List.of("org.springframework.samples.petclinic."));

    @Test
    void frameworksAndTheJdkAreRejectedByName() {
        for (String name : List.of("org.springframework.beans.factory.BeanFactory", "org/springframework/core/io/Resource",
                "org.hibernate.Session", "com.fasterxml.jackson.databind.ObjectMapper", "java.util.HashMap",
                "jdk.internal.misc.Unsafe", "sun.nio.ch.FileChannelImpl", "dev.sinkwatch.agent.bootstrap.SinkBridge",
                "org.apache.catalina.core.StandardContext", "jakarta.persistence.EntityManager")) {
            assertTrue(filter.ignores(name, app), name);
        }
    }

    @Test
    void sinkClassesApplicationCodeAndPossibleDriversAreKept() {
        for (String name : List.of("java.io.FileInputStream", "java/io/FileInputStream", "sun.nio.ch.SocketChannelImpl",
                "org.springframework.samples.petclinic.owner.OwnerController", "org.h2.jdbc.JdbcConnection",
                "com.zaxxer.hikari.pool.HikariProxyConnection", "org.postgresql.jdbc.PgStatement",
                "org.apache.tomcat.jdbc.pool.ConnectionPool", "com.acme.shop.Cart")) {
            assertFalse(filter.ignores(name, app), name);
        }
    }

    @Test
    void generatedProxiesAndBootLoaderClassesAreRejected() {
        assertTrue(filter.ignores("com.acme.shop.Cart$$SpringCGLIB$$0", app));
        assertTrue(filter.ignores("com.acme.shop.Cart", null), "no application class comes from the boot loader");
        assertTrue(filter.ignores(null, app), "hidden classes have no name");
    }
}
