package dev.sinkwatch.bench.whole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoopTransformerAgentTest {

    @Test
    void theWrittenJarHoldsOnlyTheAgentAndNamesIt(@TempDir Path dir) throws Exception {
        Path jar = NoopTransformerAgent.writeJar(dir);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(NoopTransformerAgent.class.getName(),
                    file.getManifest().getMainAttributes().getValue("Premain-Class"));
            assertEquals("true", file.getManifest().getMainAttributes().getValue("Can-Retransform-Classes"));
            // the manifest and the one class: nothing of the benchmark joins the application's class path
            assertEquals(2, file.size(), file.stream().map(Object::toString).toList().toString());
        }
    }

    @Test
    void aJvmStartedWithItRetransformsFileAndRunsNormally(@TempDir Path dir) throws Exception {
        Path jar = NoopTransformerAgent.writeJar(dir);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-javaagent:" + jar, "-Xlog:redefine+class+load=info", "-version")
                .redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jvm.waitFor(), output);
        assertTrue(output.contains("redefined name=java.io.File"), output);
    }
}
