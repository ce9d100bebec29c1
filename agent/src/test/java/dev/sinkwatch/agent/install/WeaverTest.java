package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.callsite.CallSiteMarker;
import dev.sinkwatch.agent.callsite.CallSiteRegistry;
import com.example.weaver.Quiet;
import com.example.weaver.Reads;
import dev.sinkwatch.agent.sink.TypeHeader;
import dev.sinkwatch.agent.sink.Weaving;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A class the rules match but no visitor changes is handed back to the JVM as it was: no bytes. */
class WeaverTest {
    private final AppClasses app = AppClasses.of(List.of("com.example.weaver."));
    private final Weaving weaving = new Weaving().type(new Weaving.TypeMatcher() {
        @Override
        public boolean matches(TypeHeader type, ClassLoader loader) {
            return app.isApp(type.name());
        }
    }).transform(new CallSiteMarker(app, new CallSiteRegistry()));
    private final Weaver weaver = new Weaver(weaving);

    @Test
    void applicationClassWithoutASinkReachingCallIsLeftAsItWas() throws Exception {
        assertNull(weaver.weave(getClass().getClassLoader(), internalName(Quiet.class), classFile(Quiet.class)));
    }

    @Test
    void applicationClassWithOneIsWoven() throws Exception {
        assertNotNull(weaver.weave(getClass().getClassLoader(), internalName(Reads.class), classFile(Reads.class)));
    }

    @Test
    void classNoRuleMatchesIsNotRead() throws Exception {
        assertNull(weaver.weave(getClass().getClassLoader(), internalName(WeaverTest.class),
                classFile(WeaverTest.class)));
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] classFile(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
