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
    @DisplayName("query values are spans of the query string, found in a target in place; only escaped ones are "
            + "decoded")
    void queryValuesAreSpans() {
        RequestInputs inputs = new RequestInputs();
        inputs.addQuery("a=hello&b=x%27y&c+d=p+q&e=1&=orphan&flag");
        assertEquals(3, inputs.size());
        assertEquals("hello", inputs.value(0));
        assertEquals("x'y", inputs.value(1));
        assertEquals("p q", inputs.value(2));
        assertEquals("a", inputs.name(0));
        assertEquals("c d", inputs.name(2));
        assertEquals(4, inputs.indexIn(0, "say hello, hello", 0));
        assertEquals(11, inputs.indexIn(0, "say hello, hello", 5));
        assertEquals(-1, inputs.indexIn(0, "say hell", 0));
        assertEquals(2, inputs.indexIn(1, "= x'y", 0));
        assertEquals(6, inputs.indexIn(0, "hxhellhello", 0));
        assertTrue(inputs.valueEquals(0, "hello"));
        assertFalse(inputs.valueEquals(0, "hell"));
        assertTrue(inputs.valueHoldsIgnoreCase(0, "ELL"));
    }

    @Test
    @DisplayName("cookies and path segments are split when first needed; names and values are trimmed")
    void cookiesAndPath() {
        RequestInputs inputs = new RequestInputs();
        inputs.addHeader("Cookie", " session = abc123 ;theme=dark;x");
        inputs.addPath("/files/a%2Fb/c+d");
        inputs.addHeader("Accept", "text/html");
        inputs.addHeader("Host", "example.com");
        assertEquals(6, inputs.size());
        assertEquals("header.accept", inputs.source(0) + "." + inputs.name(0));
        assertEquals("text/html", inputs.value(0));
        assertEquals("path", inputs.source(1));
        assertEquals("files", inputs.value(1));
        assertEquals("a/b", inputs.value(2));
        assertEquals("1", inputs.name(2));
        assertEquals("c d", inputs.value(3));
        assertEquals("cookie.session", inputs.source(4) + "." + inputs.name(4));
        assertEquals("abc123", inputs.value(4));
        assertEquals("dark", inputs.value(5));
    }

    @Test
    @DisplayName("a value none of whose characters the target holds is not searched for; a long target is always "
            + "searched")
    void charMaskSkipsOnlyWhatCannotOccur() {
        RequestInputs inputs = new RequestInputs();
        inputs.add("query", "q", "value-7");
        inputs.add("query", "r", "tot");
        String sql = "SELECT total FROM t WHERE id > ?";
        long mask = RequestInputs.charMask(sql);
        assertFalse(inputs.mayOccurIn(0, mask));
        assertEquals(-1, inputs.firstIndexIn(0, sql, mask));
        assertEquals(7, inputs.firstIndexIn(1, sql, mask));
        String longSql = sql + " AND v = 'value-7'" + " ".repeat(600);
        assertEquals(-1L, RequestInputs.charMask(longSql));
        assertEquals(longSql.indexOf("value-7"), inputs.firstIndexIn(0, longSql, RequestInputs.charMask(longSql)));
    }

    @Test
    @DisplayName("a released holder is empty and serves the next request; one a task took is never reused")
    void releaseEmptiesAHolderNobodyElseHas() {
        RequestInputs inputs = new RequestInputs();
        inputs.addQuery("a=first-request");
        inputs.bodyStream(new Object());
        assertEquals(1, inputs.size());
        assertTrue(inputs.release());
        assertEquals(0, inputs.size());
        inputs.addQuery("b=second");
        assertEquals(1, inputs.size());
        assertEquals("second", inputs.value(0));
        inputs.handedOff = true;
        assertFalse(inputs.release());
        assertEquals(1, inputs.size());
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
