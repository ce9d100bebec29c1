package dev.sinkwatch.agent.sink;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Byte Buddy advice, inlined, for the few methods whose work needs the woven class's own types (the servlet request,
 * Jackson's parser; every other method gets {@link Hook}s): pairs of a method matcher and advice classes, named,
 * never loaded. Exceptions thrown by advice are suppressed. The
 * advice is read from class files (the agent's loader first, then the instrumented type's, which may be the only one
 * that sees the types an advice names, such as the servlet API's) only when a type is woven with it: most modules
 * never match a type in a given application and their advice is never built. For the JDK's loaders (the boot and
 * the platform loader: the JDK's sink classes, {@code java.sql}'s) it is built once per loader and kept, from advice
 * class files read once per loader for all sets ({@link AdviceTypes}); for other loaders per woven type. Two
 * threads weaving at once may both build it; either result is the same.
 * Immutable: each method returns a new set.
 */
public final class AdviceSet implements Weaving.Transformation {
    private final AdviceTypes types;
    private final List<Entry> entries;
    /** The visitors for the JDK's loaders' types (which live as long as the JVM), built at first use. */
    private volatile AsmVisitorWrapper forBootLoader;
    private volatile AsmVisitorWrapper forPlatformLoader;

    AdviceSet(AdviceTypes types) {
        this(types, Collections.emptyList());
    }

    private AdviceSet(AdviceTypes types, List<Entry> entries) {
        this.types = types;
        this.entries = entries;
    }

    /** Advice whose entry and exit are in one class. */
    public AdviceSet advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        return with(new Entry(methods, adviceClass, null));
    }

    /** Entry advice from one class, exit advice from another. */
    public AdviceSet advice(ElementMatcher<? super MethodDescription> methods, String enterClass, String exitClass) {
        return with(new Entry(methods, enterClass, exitClass));
    }

    private AdviceSet with(Entry entry) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new AdviceSet(types, Collections.unmodifiableList(more));
    }

    @Override
    public AsmVisitorWrapper visitor(ClassLoader loader) {
        if (loader == null) {
            AsmVisitorWrapper built = forBootLoader;
            if (built == null) {
                built = build(null);
                forBootLoader = built;
            }
            return built;
        }
        if (loader == AdviceTypes.PLATFORM) {
            AsmVisitorWrapper built = forPlatformLoader;
            if (built == null) {
                built = build(loader);
                forPlatformLoader = built;
            }
            return built;
        }
        return build(loader);
    }

    private AsmVisitorWrapper build(ClassLoader loader) {
        ClassFileLocator locator = types.locator(loader);
        TypePool pool = types.pool(loader);
        AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
        for (Entry entry : entries) {
            Advice advice = entry.exit == null
                    ? Advice.to(pool.describe(entry.enter).resolve(), locator)
                    : Advice.to(pool.describe(entry.enter).resolve(), pool.describe(entry.exit).resolve(), locator);
            visitor = visitor.invokable(entry.methods, advice.withAssigner(Assigner.DEFAULT)
                    .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING));
        }
        return visitor;
    }

    private static final class Entry {
        final ElementMatcher<? super MethodDescription> methods;
        final String enter;
        final String exit;

        Entry(ElementMatcher<? super MethodDescription> methods, String enter, String exit) {
            this.methods = methods;
            this.enter = enter;
            this.exit = exit;
        }
    }
}
