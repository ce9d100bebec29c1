package com.example.sinkapp.drivercalls;

import java.util.concurrent.atomic.AtomicInteger;

/** Calls made on the application's JDBC objects that the application itself never makes. */
final class DriverCalls {
    static final AtomicInteger IS_CLOSED = new AtomicInteger();
    static final AtomicInteger GET_META_DATA = new AtomicInteger();

    private DriverCalls() {
    }

    static String describe() {
        return "isClosed=" + IS_CLOSED.get() + " getMetaData=" + GET_META_DATA.get();
    }

    static void reset() {
        IS_CLOSED.set(0);
        GET_META_DATA.set(0);
    }
}
