package dev.sinkwatch.agent.callsite;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The slow path: walks the current stack to find the application frames behind a sink call. Costs a few
 * microseconds, so it runs only for a key's first sighting and for a budgeted sample of calls that no woven call
 * site explains.
 */
public final class StackCapture {

    /** At most this many frames are kept per key. */
    public static final int MAX_FRAMES = 8;

    private final AppClasses appClasses;
    private final CallSiteRegistry registry;
    private final StackWalker walker = StackWalker.getInstance();

    public StackCapture(AppClasses appClasses, CallSiteRegistry registry) {
        this.appClasses = appClasses;
        this.registry = registry;
    }

    /** What a walk found. */
    public static final class Result {
        /** Innermost application frame, or the nearest non-JDK (or, failing that, JDK) caller. */
        public final int callSiteId;
        public final boolean appOrigin;
        public final List<String> frames;
        /** Ids of the application frames found, innermost first (to check a woven marker against). */
        final int[] appFrameIds;

        Result(int callSiteId, boolean appOrigin, List<String> frames, int[] appFrameIds) {
            this.callSiteId = callSiteId;
            this.appOrigin = appOrigin;
            this.frames = frames;
            this.appFrameIds = appFrameIds;
        }

        /** Whether this call site is one of the application frames on the stack. */
        public boolean contains(int callSite) {
            for (int id : appFrameIds) {
                if (id == callSite) {
                    return true;
                }
            }
            return false;
        }
    }

    public Result capture() {
        return walker.walk(this::scan);
    }

    private Result scan(Stream<StackWalker.StackFrame> stack) {
        Iterator<StackWalker.StackFrame> it = stack.iterator();
        // Skip the agent's own frames (this class, the recorder, the bridge) and the sink method itself.
        StackWalker.StackFrame frame = null;
        while (it.hasNext()) {
            frame = it.next();
            if (!frame.getClassName().startsWith("dev.sinkwatch.agent.")) {
                break;
            }
        }
        List<StackWalker.StackFrame> callers = new ArrayList<>();
        while (it.hasNext() && callers.size() < 64) {
            callers.add(it.next());
        }
        List<String> frames = new ArrayList<>();
        List<Integer> appIds = new ArrayList<>();
        for (StackWalker.StackFrame f : callers) {
            if (appClasses.isApp(f.getClassName()) && frames.size() < MAX_FRAMES) {
                appIds.add(register(f));
                frames.add(format(f));
            }
        }
        if (!appIds.isEmpty()) {
            int[] ids = new int[appIds.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = appIds.get(i);
            }
            return new Result(ids[0], true, frames, ids);
        }
        StackWalker.StackFrame site = null;
        for (StackWalker.StackFrame f : callers) {
            if (!AppClasses.isJdk(f.getClassName())) {
                site = f;
                break;
            }
        }
        if (site == null) {
            // Only JDK frames (class loading, shutdown hooks): the first caller outside the sink's own class.
            String sinkClass = frame == null ? "" : frame.getClassName();
            for (StackWalker.StackFrame f : callers) {
                if (!f.getClassName().equals(sinkClass)) {
                    site = f;
                    break;
                }
            }
        }
        if (site == null) {
            site = callers.isEmpty() ? frame : callers.get(0);
        }
        for (int i = callers.indexOf(site); i >= 0 && i < callers.size() && frames.size() < MAX_FRAMES; i++) {
            frames.add(format(callers.get(i)));
        }
        int id = site == null ? CallSiteRegistry.OVERFLOW : register(site);
        return new Result(id, false, frames, new int[0]);
    }

    private int register(StackWalker.StackFrame f) {
        return registry.register(f.getClassName(), f.getMethodName(), f.getFileName(), Math.max(f.getLineNumber(), 0));
    }

    private static String format(StackWalker.StackFrame f) {
        String file = f.getFileName();
        int line = f.getLineNumber();
        return f.getClassName() + "." + f.getMethodName() + "(" + (file == null ? "Unknown Source" : file)
                + (line > 0 ? ":" + line : "") + ")";
    }
}
