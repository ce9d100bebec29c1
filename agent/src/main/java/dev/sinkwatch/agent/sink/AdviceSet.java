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
 * Advice for the methods of a matched type: pairs of a method matcher and advice classes, named, never loaded. The
 * advice is read from class files (the agent's loader first, then the instrumented type's, which may be the only one
 * that sees the types an advice names, such as the servlet API's) only when a type is woven with it: most modules
 * never match a type in a given application and their advice is never built. For the boot loader (the JDK's sink
 * classes) it is built once and kept, from advice class files read once for all sets ({@link AdviceTypes}).
 * Immutable: each method returns a new set.
 */
public final class AdviceSet implements Weaving.Transformation {
    private final AdviceTypes types;
    private final int kind;
    private final Advice.ExceptionHandler exceptionHandler;
    private final List<Entry> entries;
    /** The visitor for the boot loader's types, built at first use. */
    private volatile AsmVisitorWrapper forBootLoader;

    AdviceSet(AdviceTypes types, int kind) {
        this(types, kind, null, Collections.emptyList());
    }

    private AdviceSet(AdviceTypes types, int kind, Advice.ExceptionHandler exceptionHandler, List<Entry> entries) {
        this.types = types;
        this.kind = kind;
        this.exceptionHandler = exceptionHandler;
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

    /** What a throwable from the advice does: suppressed by default; the blocking guard rethrows its own. */
    public AdviceSet withExceptionHandler(Advice.ExceptionHandler handler) {
        return new AdviceSet(types, kind, handler, entries);
    }

    private AdviceSet with(Entry entry) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new AdviceSet(types, kind, exceptionHandler, Collections.unmodifiableList(more));
    }

    @Override
    public AsmVisitorWrapper visitor(ClassLoader loader) {
        if (loader != null) {
            return build(loader);
        }
        AsmVisitorWrapper built = forBootLoader;
        if (built == null) {
            built = build(null);
            forBootLoader = built;
        }
        return built;
    }

    private AsmVisitorWrapper build(ClassLoader loader) {
        ClassFileLocator locator = types.locator(loader);
        TypePool pool = types.pool(loader);
        Advice.WithCustomMapping mapping = Advices.mapping(kind);
        Advice.ExceptionHandler exceptionHandler = this.exceptionHandler == null
                ? Advice.ExceptionHandler.Default.SUPPRESSING : this.exceptionHandler;
        AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
        for (Entry entry : entries) {
            Advice advice = entry.exit == null
                    ? mapping.to(pool.describe(entry.enter).resolve(), locator)
                    : mapping.to(pool.describe(entry.enter).resolve(), pool.describe(entry.exit).resolve(), locator);
            visitor = visitor.invokable(entry.methods,
                    advice.withAssigner(Assigner.DEFAULT).withExceptionHandler(exceptionHandler));
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
