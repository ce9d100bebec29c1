package dev.sinkwatch.agent.callsite;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppClassesTest {

    @Test
    void configuredPackagesAreExactlyTheApplication() {
        AppClasses app = AppClasses.of(List.of("com.acme", "org.shop."));
        assertTrue(app.isApp("com.acme.orders.Repo"));
        assertTrue(app.isApp("org.shop.Cart$1"));
        assertFalse(app.isApp("com.acmecorp.X"), "a prefix is a package, not a string prefix");
        assertFalse(app.isApp("org.springframework.jdbc.core.JdbcTemplate"));
        assertFalse(app.isApp("dev.sinkwatch.agent.Premain"));
    }

    @Test
    void withoutPrefixesEverythingButKnownLibrariesIsTheApplication() {
        AppClasses app = AppClasses.of(List.of());
        if (app.prefixes().isEmpty()) {
            assertTrue(app.isApp("com.unknown.Thing"));
        }
        assertTrue(AppClasses.isLibrary("com.zaxxer.hikari.pool.HikariProxyConnection"));
        assertTrue(AppClasses.isLibrary("org.h2.jdbc.JdbcConnection"));
        assertTrue(AppClasses.isJdk("jdk.internal.loader.BuiltinClassLoader"));
    }
}
