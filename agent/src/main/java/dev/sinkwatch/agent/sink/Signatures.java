package dev.sinkwatch.agent.sink;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Method matchers on parameter and return types, compared by name. Byte Buddy's own overloads taking a
 * {@code Class} describe it by reflection ({@code TypeDescription.ForLoadedType}: its generic supertypes, annotations
 * and members, through the JDK's reflection and generic-signature parsers), at premain, for every matcher built; a
 * type description read from a class file is matched just as well by its name.
 */
public final class Signatures {
    private Signatures() {
    }

    /** Exactly {@code count} parameters. */
    public static ElementMatcher.Junction<MethodDescription> takesArguments(int count) {
        return ElementMatchers.takesArguments(count);
    }

    /** The parameter at {@code index} is of a type the matcher matches. */
    public static ElementMatcher.Junction<MethodDescription> takesArgument(int index,
                                                                           ElementMatcher<? super TypeDescription> type) {
        return ElementMatchers.takesArgument(index, type);
    }

    /** The parameter at {@code index} is of exactly this type. */
    public static ElementMatcher.Junction<MethodDescription> takesArgument(int index, Class<?> type) {
        return ElementMatchers.takesArgument(index, ElementMatchers.named(type.getName()));
    }

    /** The parameters are of exactly these types, in this order, and no others. */
    public static ElementMatcher.Junction<MethodDescription> takesArguments(Class<?>... types) {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].getName();
        }
        return new Parameters(names);
    }

    /** The return type is exactly this type. */
    public static ElementMatcher.Junction<MethodDescription> returns(Class<?> type) {
        return ElementMatchers.returns(ElementMatchers.named(type.getName()));
    }

    private static final class Parameters extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        private final String[] names;

        Parameters(String[] names) {
            this.names = names;
        }

        @Override
        public boolean matches(MethodDescription method) {
            ParameterList<?> parameters = method.getParameters();
            if (parameters.size() != names.length) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                if (!parameters.get(i).getType().asErasure().getName().equals(names[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
