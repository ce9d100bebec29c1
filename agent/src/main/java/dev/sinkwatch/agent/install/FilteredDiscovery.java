package dev.sinkwatch.agent.install;

import net.bytebuddy.agent.builder.AgentBuilder;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Which already-loaded classes Byte Buddy retransforms at start-up: only those the {@link TypeFilter} keeps (the
 * JDK sink classes, and anything outside the ignored namespaces an agent attached late finds loaded), found by name
 * and loader before Byte Buddy describes any of them. Byte Buddy's own re-iterating discovery hands it every loaded
 * class (about a thousand JDK and agent classes at premain, twice or more) to describe and match.
 *
 * <p>Re-iterates like Byte Buddy's: after each batch it looks again for kept classes loaded meanwhile (a class
 * loaded from inside a transformation is skipped by the transformer), until a pass finds none.
 */
final class FilteredDiscovery implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {
    private final TypeFilter filter;

    FilteredDiscovery(TypeFilter filter) {
        this.filter = filter;
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation instrumentation) {
        return new Iterable<Iterable<Class<?>>>() {
            @Override
            public Iterator<Iterable<Class<?>>> iterator() {
                return new Batches(instrumentation);
            }
        };
    }

    /** Each batch: the kept, modifiable classes loaded and not yet handed out. Computed when asked for. */
    private final class Batches implements Iterator<Iterable<Class<?>>> {
        private final Instrumentation instrumentation;
        private final Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private List<Class<?>> next;

        Batches(Instrumentation instrumentation) {
            this.instrumentation = instrumentation;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                List<Class<?>> batch = new ArrayList<>();
                for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                    if (!seen.contains(type) && !type.isArray() && !type.isPrimitive()
                            && !filter.ignores(type.getName(), type.getClassLoader())
                            && instrumentation.isModifiableClass(type)) {
                        seen.add(type);
                        batch.add(type);
                    }
                }
                next = batch;
            }
            return !next.isEmpty();
        }

        @Override
        public Iterable<Class<?>> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<Class<?>> batch = next;
            next = null;
            return batch;
        }
    }
}
