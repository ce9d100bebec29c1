package dev.sinkwatch.agent.install;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The longest package prefix decides, for binary and internal names alike. */
class PackageVerdictsTest {
    private final PackageVerdicts verdicts = new PackageVerdicts();

    PackageVerdictsTest() {
        verdicts.put("org.springframework.", true);
        verdicts.put("org.springframework.samples.petclinic.", false);
        verdicts.put("java.", true);
    }

    @Test
    void theLongestPrefixWins() {
        assertEquals(Boolean.TRUE, verdicts.longestMatch("org.springframework.boot.SpringApplication"));
        assertEquals(Boolean.FALSE, verdicts.longestMatch("org.springframework.samples.petclinic.owner.Owner"));
        assertEquals(Boolean.FALSE, verdicts.longestMatch("org.springframework.samples.petclinic.a.b.c.d.e.F"));
        assertEquals(Boolean.TRUE, verdicts.longestMatch("org.springframework.samples.Other"));
    }

    @Test
    void internalNamesAnswerAsBinaryNames() {
        assertEquals(Boolean.TRUE, verdicts.longestMatch("org/springframework/boot/SpringApplication"));
        assertEquals(Boolean.FALSE, verdicts.longestMatch("org/springframework/samples/petclinic/owner/Owner"));
        assertEquals(Boolean.TRUE, verdicts.longestMatch("java/util/HashMap"));
    }

    @Test
    void onlyWholePackagesMatch() {
        assertNull(verdicts.longestMatch("org.springframeworkx.Foo"), "a prefix of a package's name is not the package");
        assertNull(verdicts.longestMatch("javax.sql.DataSource"));
        assertNull(verdicts.longestMatch("org.Foo"));
        assertNull(verdicts.longestMatch("Foo"), "the default package");
        assertNull(verdicts.longestMatch(""));
    }

    @Test
    void aHiddenClassAnswersAsTheClassItBelongsTo() {
        assertEquals(Boolean.FALSE,
                verdicts.longestMatch("org.springframework.samples.petclinic.Cart$$Lambda/0x0000000801234"));
        assertEquals(Boolean.TRUE, verdicts.longestMatch("java.lang.invoke.LambdaForm$MH/0x0000000800c01400"));
    }

    @Test
    void aPrefixMustEndAtAPackageBoundary() {
        assertThrows(IllegalArgumentException.class, () -> verdicts.put("com.acme", true));
    }
}
