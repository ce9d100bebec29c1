package dev.sinkwatch.agent.sink;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * What the agent weaves, as rules added by the modules in order: which types get which class-file visitors (advice,
 * call-site marks). Every rule whose type matcher matches applies, in the order the rules were added (the first
 * added is the innermost visitor), as Byte Buddy's {@code AgentBuilder} applied its transformations. The agent's
 * own transformer ({@code install.Weaver}) asks {@link #visitorsFor} for each class that passes the early checks.
 */
public final class Weaving {

    /** Matches a type being loaded by its description (read from class files) and its defining loader. */
    public interface TypeMatcher {
        boolean matches(TypeDescription type, ClassLoader loader);
    }

    /** What a rule does to a matched type: a class-file visitor, built when a type of that loader matches. */
    public interface Transformation {
        AsmVisitorWrapper visitor(ClassLoader loader);
    }

    private final List<TypeMatcher> matchers = new ArrayList<>();
    private final List<Transformation> transformations = new ArrayList<>();

    /** Types matched by their description alone ({@code named(...)} and the like). */
    public Matched type(ElementMatcher<? super TypeDescription> matcher) {
        return new Matched(new ByDescription(matcher));
    }

    /** Types matched by description and loader. */
    public Matched type(TypeMatcher matcher) {
        return new Matched(matcher);
    }

    /** The visitors of every rule that matches the type, in the order the rules were added; empty if none does. */
    public List<AsmVisitorWrapper> visitorsFor(TypeDescription type, ClassLoader loader) {
        List<AsmVisitorWrapper> visitors = new ArrayList<>(2);
        for (int i = 0; i < matchers.size(); i++) {
            if (matchers.get(i).matches(type, loader)) {
                visitors.add(transformations.get(i).visitor(loader));
            }
        }
        return visitors;
    }

    /** A type matcher waiting for its transformation. */
    public final class Matched {
        private final TypeMatcher matcher;

        private Matched(TypeMatcher matcher) {
            this.matcher = matcher;
        }

        public Weaving transform(Transformation transformation) {
            matchers.add(matcher);
            transformations.add(transformation);
            return Weaving.this;
        }
    }

    private static final class ByDescription implements TypeMatcher {
        private final ElementMatcher<? super TypeDescription> matcher;

        ByDescription(ElementMatcher<? super TypeDescription> matcher) {
            this.matcher = matcher;
        }

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader) {
            return matcher.matches(type);
        }
    }
}
