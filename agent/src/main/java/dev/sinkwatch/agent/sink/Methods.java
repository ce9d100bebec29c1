package dev.sinkwatch.agent.sink;

import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link MethodMatcher}s, to be read like sentences: {@code named("open").and(takesArguments(String.class))}.
 * Parameter and return types are compared by binary name, so naming a type never loads or describes it.
 */
public final class Methods {
    private Methods() {
    }

    public static MethodMatcher named(String name) {
        return new MethodMatcher() {
            @Override
            public boolean matches(int access, String method, String descriptor) {
                return method.equals(name);
            }
        };
    }

    public static MethodMatcher namedOneOf(String... names) {
        Set<String> set = new HashSet<>(Arrays.asList(names));
        return new MethodMatcher() {
            @Override
            public boolean matches(int access, String method, String descriptor) {
                return set.contains(method);
            }
        };
    }

    /** Constructors. */
    public static MethodMatcher isConstructor() {
        return named("<init>");
    }

    public static MethodMatcher isStatic() {
        return withAccess(Opcodes.ACC_STATIC, true);
    }

    /** Abstract (and interface) methods have no code to weave: {@code not(isAbstract())} says so in a matcher. */
    public static MethodMatcher isAbstract() {
        return withAccess(Opcodes.ACC_ABSTRACT, true);
    }

    public static MethodMatcher notAbstract() {
        return withAccess(Opcodes.ACC_ABSTRACT, false);
    }

    /** Exactly {@code count} parameters. */
    public static MethodMatcher takesArguments(int count) {
        return new MethodMatcher() {
            @Override
            public boolean matches(int access, String method, String descriptor) {
                return Type.getArgumentTypes(descriptor).length == count;
            }
        };
    }

    /** The parameters are of exactly these types, in this order, and no others. */
    public static MethodMatcher takesArguments(Class<?>... types) {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = Type.getType(types[i]).getClassName(); // java.lang.String[], as a descriptor names it
        }
        return new MethodMatcher() {
            @Override
            public boolean matches(int access, String method, String descriptor) {
                Type[] arguments = Type.getArgumentTypes(descriptor);
                if (arguments.length != names.length) {
                    return false;
                }
                for (int i = 0; i < names.length; i++) {
                    if (!arguments[i].getClassName().equals(names[i])) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    /** The parameter at {@code index} is of exactly this type. */
    public static MethodMatcher takesArgument(int index, Class<?> type) {
        return takesArgument(index, Type.getType(type).getClassName());
    }

    /** The parameter at {@code index} is of exactly the type of this name ({@code java.lang.String[]} for arrays). */
    public static MethodMatcher takesArgument(int index, String typeName) {
        return new MethodMatcher() {
            @Override
            public boolean matches(int access, String method, String descriptor) {
                Type[] arguments = Type.getArgumentTypes(descriptor);
                return index < arguments.length && arguments[index].getClassName().equals(typeName);
            }
        };
    }

    /** The return type is exactly this type. */
    public static MethodMatcher returns(Class<?> type) {
        String name = Type.getType(type).getClassName();
        return new MethodMatcher() {
            @Override
            public boolean matches(int access, String method, String descriptor) {
                return Type.getReturnType(descriptor).getClassName().equals(name);
            }
        };
    }

    private static MethodMatcher withAccess(int flag, boolean set) {
        return new MethodMatcher() {
            @Override
            public boolean matches(int access, String method, String descriptor) {
                return ((access & flag) != 0) == set;
            }
        };
    }
}
