package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.sink.request.RequestModule;
import net.bytebuddy.asm.AsmVisitorWrapper;
import org.junit.jupiter.api.Test;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Advice is built once for each of the JDK's loaders, which live as long as the JVM; per woven type otherwise. */
class AdviceSetTest {
    private final AdviceSet set = new Hooks(AdviceSetTest.class.getClassLoader()).inlinedAdvice()
            .advice(named("service"), RequestModule.JakartaService.class.getName());

    @Test
    void builtOnceForTheBootAndThePlatformLoader() {
        AsmVisitorWrapper boot = set.visitor(null);
        assertSame(boot, set.visitor(null));
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        AsmVisitorWrapper forPlatform = set.visitor(platform);
        assertSame(forPlatform, set.visitor(platform));
        assertNotSame(boot, forPlatform, "each loader resolves the advice's types itself");
    }

    @Test
    void builtPerWovenTypeForOtherLoaders() {
        ClassLoader app = AdviceSetTest.class.getClassLoader();
        assertNotSame(set.visitor(app), set.visitor(app), "an application loader may be discarded: nothing is kept");
    }
}
