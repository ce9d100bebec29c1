package dev.sinkwatch.agent.sink;

/**
 * A module's early answer, before Byte Buddy describes a class, to "could this class match one of your hierarchy
 * matchers?", from the class's direct supertypes as its class file names them. Asked on the transformer's thread for
 * classes outside the application and outside the types matched by name; must be quick, must never throw, and must
 * answer {@code true} when it cannot tell: a {@code false} leaves the class untouched.
 */
public interface HierarchyGate {

    /**
     * @param loader     the class's defining loader (never the boot loader)
     * @param className  the class's binary name
     * @param supertypes the superclass's binary name ({@code null} for none) followed by the direct interfaces'
     */
    boolean mayMatch(ClassLoader loader, String className, String[] supertypes);

    /**
     * The same question for a class loaded before the agent was installed (attached late), asked before it is
     * retransformed: its supertypes are loaded, so reflection answers exactly and loads nothing. By default "maybe".
     */
    default boolean mayMatch(Class<?> loaded) {
        return true;
    }
}
