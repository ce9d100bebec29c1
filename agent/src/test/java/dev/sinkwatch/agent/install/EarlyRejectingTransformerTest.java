package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.sink.Weaving;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.security.AccessControlContext;
import java.security.AccessController;
import java.security.Permission;
import java.security.Permissions;
import java.security.Policy;
import java.security.PrivilegedAction;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.PropertyPermission;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Under a security manager the transformer weaves with the permissions it was installed with, not those of the code
 * that triggered the class load: a class loaded from a domain with no permissions is still woven, though the weaving
 * (here a rule that checks a permission, as reading a jar does) needs a permission that domain lacks.
 */
@SuppressWarnings("removal") // the security manager's API: deprecated for removal, still there on Java 17
class EarlyRejectingTransformerTest {
    private static final Permission NEEDED = new PropertyPermission("sinkwatch.test", "read");

    @Test
    void weavesWithTheInstallersPermissionsUnderASecurityManager() throws Exception {
        byte[] classFile;
        try (InputStream in = ClassLoader.getSystemResourceAsStream("java/io/FileInputStream.class")) {
            classFile = in.readAllBytes();
        }
        Weaving weaving = new Weaving();
        weaving.typeNamed("java.io.FileInputStream").transform((internalName, next) -> {
            AccessController.checkPermission(NEEDED);
            return next;
        });
        EarlyRejectingTransformer transformer = new EarlyRejectingTransformer(
                new TypeFilter(Set.of("java.io.FileInputStream"), List.of()), AppClasses.of(List.of("com.acme.")),
                List.of(), new Weaver(weaving), null, SinkBridge.class);
        AccessControlContext noPermissions = new AccessControlContext(
                new ProtectionDomain[] {new ProtectionDomain(null, new Permissions())});
        PrivilegedAction<byte[]> load = () ->
                transformer.transform(null, null, "java/io/FileInputStream", null, null, classFile);

        assertNull(AccessController.doPrivileged(load, noPermissions),
                "without a security manager the check applies to the loading code, which lacks the permission");

        Policy policy = Policy.getPolicy();
        assumeTrue(installPermissiveSecurityManager(policy), "this JDK cannot install a security manager");
        try {
            assertNotNull(AccessController.doPrivileged(load, noPermissions),
                    "woven with the permissions captured at install");
        } finally {
            System.setSecurityManager(null);
            Policy.setPolicy(policy);
        }
    }

    /**
     * A policy granting the agent's and the test's code everything, and a manager that allows everything but what
     * {@link #NEEDED} names, which it checks against the stack.
     */
    private static boolean installPermissiveSecurityManager(Policy previous) {
        try {
            Policy.setPolicy(new Policy() {
                @Override
                public boolean implies(ProtectionDomain domain, Permission permission) {
                    return true;
                }
            });
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(Permission permission) {
                    if (permission.equals(NEEDED)) {
                        super.checkPermission(permission);
                    }
                }

                @Override
                public void checkPermission(Permission permission, Object context) {
                    checkPermission(permission);
                }
            });
            return true;
        } catch (UnsupportedOperationException disallowed) { // Java 18+ without -Djava.security.manager=allow, 24+
            Policy.setPolicy(previous);
            return false;
        }
    }
}
