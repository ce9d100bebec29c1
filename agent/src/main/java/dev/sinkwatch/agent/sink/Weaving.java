package dev.sinkwatch.agent.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the agent weaves, as rules added by the modules in order: which types get which class visitors (hooks,
 * call-site marks). Every rule whose type matcher matches applies, in the order the rules were added (the first
 * added is the innermost visitor, the last sees the class file first). The agent's own transformer
 * ({@code install.Weaver}) asks {@link #visitorsFor} for each class that passes the early checks.
 */
public final class Weaving {

    /** Matches a type being loaded by its class file's header and its defining loader. */
    public interface TypeMatcher {
        boolean matches(TypeHeader type, ClassLoader loader);
    }

    private final List<TypeMatcher> matchers = new ArrayList<>();
    private final List<ClassWeaving> weavings = new ArrayList<>();

    /** Types of exactly these binary names. */
    public Matched typeNamed(String... names) {
        Set<String> set = new HashSet<>(Arrays.asList(names));
        return new Matched(new TypeMatcher() { // not a lambda: matchers run inside the transformer
            @Override
            public boolean matches(TypeHeader type, ClassLoader loader) {
                return set.contains(type.name());
            }
        });
    }

    /** Types matched by header and loader. */
    public Matched type(TypeMatcher matcher) {
        return new Matched(matcher);
    }

    /** The visitors of every rule that matches the type, in the order the rules were added; empty if none does. */
    public List<ClassWeaving> visitorsFor(TypeHeader type, ClassLoader loader) {
        List<ClassWeaving> visitors = new ArrayList<>(2);
        for (int i = 0; i < matchers.size(); i++) {
            if (matchers.get(i).matches(type, loader)) {
                visitors.add(weavings.get(i));
            }
        }
        return visitors;
    }

    /** A type matcher waiting for what it weaves. */
    public final class Matched {
        private final TypeMatcher matcher;

        private Matched(TypeMatcher matcher) {
            this.matcher = matcher;
        }

        public Weaving transform(ClassWeaving weaving) {
            matchers.add(matcher);
            weavings.add(weaving);
            return Weaving.this;
        }
    }
}
