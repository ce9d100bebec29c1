package dev.sinkwatch.agent.sink;

/**
 * Matches a method by what its class file says of it: access flags, name and descriptor. Nothing is described, loaded
 * or resolved: the types a signature names are compared by name. Factories in {@link Methods}.
 */
@FunctionalInterface
public interface MethodMatcher {

    /**
     * @param access     the method's access flags ({@code ACC_STATIC}, {@code ACC_ABSTRACT}, ...)
     * @param name       its name ({@code <init>} for a constructor)
     * @param descriptor its descriptor, {@code (Ljava/lang/String;I)V}
     */
    boolean matches(int access, String name, String descriptor);

    default MethodMatcher and(MethodMatcher other) {
        MethodMatcher self = this;
        return new MethodMatcher() { // not a lambda: matchers run inside the transformer
            @Override
            public boolean matches(int access, String name, String descriptor) {
                return self.matches(access, name, descriptor) && other.matches(access, name, descriptor);
            }
        };
    }
}
