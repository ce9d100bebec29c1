package dev.sinkwatch.agent.bootstrap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestInputsTest {

    @Test
    @DisplayName("a parsed value already held (a query parameter read through getParameter) is not added twice")
    void parsedValuesAreAddedOnce() {
        RequestInputs inputs = new RequestInputs();
        inputs.addQuery("name=alice&q=x%27y");
        inputs.addParsed("body", "name", "alice");
        inputs.addParsed("body", "url", "http://10.0.0.1/");
        inputs.addParsed("body", "url", "http://10.0.0.1/");
        assertEquals(3, inputs.size());
        assertEquals("query", inputs.source(0));
        assertEquals("body", inputs.source(2));
        assertEquals("url", inputs.name(2));
    }

    @Test
    @DisplayName("a path variable renames the segment holding its value; an unknown value is added as path.<name>")
    void pathVariablesNameTheirSegment() {
        RequestInputs inputs = new RequestInputs();
        inputs.addPath("/users/o%27brien/orders");
        inputs.namePathValue("name", "o'brien");
        assertEquals("name", inputs.name(1));
        assertEquals("0", inputs.name(0));
        inputs.namePathValue("id", "42x");
        assertEquals("id", inputs.name(inputs.size() - 1));
    }

    @Test
    @DisplayName("bounded: 64 inputs at most, each cut at 1024 characters")
    void bounded() {
        RequestInputs inputs = new RequestInputs();
        for (int i = 0; i < 100; i++) {
            inputs.addParsed("body", "f" + i, "value-" + i);
        }
        assertEquals(RequestInputs.MAX_INPUTS, inputs.size());
        assertTrue(inputs.full());
        RequestInputs one = new RequestInputs();
        one.add("body", "big", "x".repeat(5000));
        assertEquals(RequestInputs.MAX_VALUE_CHARS, one.value(0).length());
    }

    @Test
    @DisplayName("only an object stream opened over the body stream itself reads the body")
    void bodyReaders() {
        RequestInputs inputs = new RequestInputs();
        Object body = new ByteArrayInputStream(new byte[0]);
        Object other = new ByteArrayInputStream(new byte[0]);
        Object overBody = new Object();
        Object overOther = new Object();
        inputs.objectStreamOpened(overBody, body); // before getInputStream: not known to be the body
        assertFalse(inputs.readsBody(overBody));
        inputs.bodyStream(body);
        inputs.objectStreamOpened(overBody, body);
        inputs.objectStreamOpened(overOther, other);
        assertTrue(inputs.readsBody(overBody));
        assertFalse(inputs.readsBody(overOther));
    }

    @Test
    @DisplayName("a task carries the request's inputs while it runs and gives the thread back what it had after")
    void taskCarriesTheContextOnlyWhileItRuns() throws Exception {
        RequestInputs inputs = new RequestInputs();
        AtomicReference<RequestInputs> seen = new AtomicReference<>();
        Runnable task = new RequestTask.OfRunnable(inputs, () -> seen.set(SinkBridge.state().request));
        Thread pool = new Thread(task);
        pool.start();
        pool.join();
        assertSame(inputs, seen.get());
        ThreadState here = SinkBridge.state();
        RequestInputs before = here.request;
        try {
            new RequestTask.OfRunnable(inputs, () -> {
                throw new IllegalStateException("the task fails");
            }).run();
        } catch (IllegalStateException expected) {
            // the context is restored even so
        }
        assertSame(before, here.request);
        assertNull(before);
    }

    @Test
    @DisplayName("with no agent installed, a task is handed over untouched")
    void nothingIsWrappedWithoutTheAgent() {
        Runnable task = () -> { };
        assertSame(task, RequestBridge.wrap(task));
    }
}
