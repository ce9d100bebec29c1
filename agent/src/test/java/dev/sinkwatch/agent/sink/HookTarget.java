package dev.sinkwatch.agent.sink;

/** Methods of the shapes hooks meet in the JDK and in drivers, woven by {@link HookWeaverTest}. */
public class HookTarget {
    private final String name;

    public HookTarget() {
        this("none");
    }

    public HookTarget(String name) {
        this.name = name;
    }

    /** Wide locals after wide parameters, a loop (a frame with locals), a return value. */
    public String echo(String s, long n, double d) {
        long twice = n * 2;
        double sum = d + twice;
        String result = s + twice + sum;
        for (int i = 0; i < 3; i++) {
            result = result + i;
        }
        return result;
    }

    /** Reassigns its parameter, as drivers rewrite their SQL: the exit call must see what it was called with. */
    public String rewrites(String sql) {
        sql = sql.trim();
        return sql;
    }

    public int fails(String message) {
        if (message.isEmpty()) {
            return 0;
        }
        throw new IllegalStateException(message);
    }

    /** Its own handler must catch first. */
    public int catches(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static long twice(long value) {
        return value * 2;
    }

    public String upper(String text) {
        return text.toUpperCase(java.util.Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** Returns nothing, has no locals of its own, and reads a private field. */
    public void touch() {
        HookProbe.calls.add("touched " + name);
    }
}
