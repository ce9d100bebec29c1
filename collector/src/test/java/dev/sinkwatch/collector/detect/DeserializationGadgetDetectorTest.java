package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeserializationGadgetDetectorTest {

    private final DeserializationGadgetDetector rule = new DeserializationGadgetDetector();

    @ParameterizedTest
    @ValueSource(strings = {"org.apache.commons.collections.functors.InvokerTransformer",
            "org.apache.commons.collections.functors.ChainedTransformer",
            "org.apache.commons.collections4.functors.InstantiateTransformer",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
            "org.springframework.beans.factory.ObjectFactory", "com.mchange.v2.c3p0.impl.PoolBackedDataSourceBase",
            "com.rometools.rome.feed.impl.ObjectBean", "org.codehaus.groovy.runtime.MethodClosure",
            "javax.management.BadAttributeValueExpException", "java.rmi.server.UnicastRef",
            "sun.reflect.annotation.AnnotationInvocationHandler",
            "[Lorg.apache.commons.collections.functors.ConstantTransformer;"})
    @DisplayName("known gadget classes are critical")
    void gadgetsAreCritical(String className) {
        Finding f = rule.evaluate(Obs.deser(className).build(), DetectionContext.firstSighting(1));
        assertNotNull(f, className);
        assertEquals(Severity.CRITICAL, f.severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.util.ArrayList", "java.util.HashMap", "com.acme.Order", "[Ljava.lang.String;",
            "org.apache.commons.collections.map.HashedMap", "java.lang.Integer"})
    @DisplayName("ordinary classes are not reported")
    void ordinaryClassesAreQuiet(String className) {
        assertNull(rule.evaluate(Obs.deser(className).build(), DetectionContext.firstSighting(1)), className);
    }
}
