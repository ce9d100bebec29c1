package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.sink.ClassWeaving;
import dev.sinkwatch.agent.sink.TypeHeader;
import dev.sinkwatch.agent.sink.Weaving;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Weaves one class file: reads its header (name, access, direct supertypes), asks the {@link Weaving} which visitors
 * apply and whether any of them may change the class ({@link ClassWeaving#mayChange}), and runs them over the class
 * file with ASM. Nothing is described beyond the header and nothing is loaded; the visitors (hooks, call-site marks)
 * only add code inside existing methods, so the class's shape (fields, methods, constant pool order) is kept, as
 * retransformation requires, and no frame is computed.
 */
final class Weaver {
    private final Weaving weaving;

    Weaver(Weaving weaving) {
        this.weaving = weaving;
    }

    /**
     * The woven class file, or {@code null} when no rule matches the type or no visitor wrote anything into it (an
     * application class without a sink-reaching call). May throw what ASM throws.
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] classFile) {
        ClassReader reader = OpenedClassReader.of(classFile);
        List<ClassWeaving> visitors = weaving.visitorsFor(TypeHeader.of(reader), loader);
        if (!anyMayChange(visitors, reader)) {
            return null;
        }
        // Keeps the constant pool, so that the unchanged parts of the class are copied as they are.
        ClassWriter writer = new ClassWriter(reader, 0);
        ClassVisitor visitor = writer;
        int readerFlags = 0;
        List<ClassVisitor> wrapped = new ArrayList<>(visitors.size());
        for (ClassWeaving weaving : visitors) {
            visitor = weaving.wrap(internalName, visitor);
            wrapped.add(visitor);
            readerFlags |= weaving.readerFlags();
        }
        reader.accept(visitor, readerFlags);
        for (ClassVisitor each : wrapped) {
            if (!(each instanceof ClassWeaving.Reporting) || ((ClassWeaving.Reporting) each).changedClass()) {
                return writer.toByteArray();
            }
        }
        return null; // nothing was written into it: the JVM keeps the class as it read it
    }

    private static boolean anyMayChange(List<ClassWeaving> visitors, ClassReader reader) {
        for (ClassWeaving weaving : visitors) {
            if (weaving.mayChange(reader)) {
                return true;
            }
        }
        return false;
    }
}
