package dev.sinkwatch.agent.sink;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;

/**
 * What a rule writes into a matched class: a class visitor over its class file, which may only add code inside
 * existing methods (the class's shape, its fields and methods, is kept, as retransformation requires).
 */
public interface ClassWeaving {

    /** The visitor for one class ({@code internalName}, {@code org/h2/jdbc/JdbcStatement}), handing on to {@code next}. */
    ClassVisitor wrap(String internalName, ClassVisitor next);

    /**
     * Whether this weaving may write anything into the class, answered before its methods are read (from its
     * constant pool, say). When every weaving of a class answers no, the class file is not read further and the JVM
     * keeps it as it is. Must answer {@code true} when it cannot tell; by default it always does.
     */
    default boolean mayChange(ClassReader classFile) {
        return true;
    }

    /** Flags the class file must be read with ({@code ClassReader.EXPAND_FRAMES}); none by default. */
    default int readerFlags() {
        return 0;
    }

    /**
     * A visitor that can tell, once the class file has been read, whether it wrote anything into the class. When no
     * visitor of a class did, the transformer returns no bytes and the JVM keeps the class as it read it: a class
     * data sharing archive or AOT cache can then still supply it, and nothing is copied.
     */
    interface Reporting {
        boolean changedClass();
    }
}
