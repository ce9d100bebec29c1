package com.example.sinkapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;

import java.nio.file.Files;
import java.nio.file.Path;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * An application with its own Byte Buddy, OpenTelemetry API and Micrometer, at versions other than the agent's.
 * Prints what each library reports, and touches a file so the agent has something to see.
 */
public final class ForeignLibsApp {
    public static void main(String[] args) throws Exception {
        Class<?> generated = new ByteBuddy().subclass(Object.class)
                .method(named("toString")).intercept(FixedValue.value("made by the app's Byte Buddy"))
                .make().load(ForeignLibsApp.class.getClassLoader()).getLoaded();
        System.out.println(generated.getDeclaredConstructor().newInstance());
        System.out.println("byte buddy from " + ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath()
                .replaceAll(".*/", ""));

        System.out.println("global otel " + GlobalOpenTelemetry.get().getClass().getSimpleName());
        System.out.println("tracer " + GlobalOpenTelemetry.getTracer("app").spanBuilder("x").startSpan().getSpanContext().isValid());

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter counter = registry.counter("orders");
        counter.increment(3);
        System.out.println("micrometer " + counter.count());

        Path file = Files.createTempFile("foreign", ".txt");
        Files.writeString(file, "x"); // @sink:foreign-write
        Files.delete(file);
        System.out.println("end");
    }
}
