package dev.sinkwatch.agent.sink;

import net.bytebuddy.jar.asm.ClassVisitor;

/**
 * What a rule writes into a matched class: a class visitor over its class file, which may only add code inside
 * existing methods (the class's shape, its fields and methods, is kept, as retransformation requires).
 */
public interface ClassWeaving {

    /** The visitor for one class ({@code internalName}, {@code org/h2/jdbc/JdbcStatement}), handing on to {@code next}. */
    ClassVisitor wrap(String internalName, ClassVisitor next);

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
