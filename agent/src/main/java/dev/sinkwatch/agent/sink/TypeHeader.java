package dev.sinkwatch.agent.sink;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A class being loaded, as the header of its class file describes it: its name, whether it is an interface, its
 * direct supertypes. What type matchers decide on; nothing else of the class is read before a rule matches.
 */
public final class TypeHeader {
    private final String name;
    private final int access;
    private final String superName;
    private final String[] interfaces;

    /**
     * @param name       binary name, {@code org.h2.jdbc.JdbcStatement}
     * @param superName  the superclass's binary name, or {@code null} for {@code java.lang.Object}
     * @param interfaces the direct interfaces' binary names
     */
    public TypeHeader(String name, int access, String superName, String[] interfaces) {
        this.name = name;
        this.access = access;
        this.superName = superName;
        this.interfaces = interfaces;
    }

    /** The header of the class file a reader holds (its constant pool is read; nothing else of the class). */
    public static TypeHeader of(ClassReader reader) {
        String[] interfaces = reader.getInterfaces();
        for (int i = 0; i < interfaces.length; i++) {
            interfaces[i] = interfaces[i].replace('/', '.');
        }
        String superName = reader.getSuperName();
        return new TypeHeader(reader.getClassName().replace('/', '.'), reader.getAccess(),
                superName == null ? null : superName.replace('/', '.'), interfaces);
    }

    public String name() {
        return name;
    }

    public boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    /** The superclass's binary name, or {@code null}. */
    public String superName() {
        return superName;
    }

    /** The direct interfaces' binary names (a copy). */
    public String[] interfaces() {
        return interfaces.clone();
    }
}
