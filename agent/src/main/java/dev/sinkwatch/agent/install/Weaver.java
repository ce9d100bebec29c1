package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.sink.Weaving;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.ClassWriterStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.List;

/**
 * Weaves one class file: describes the type from class files (its own bytes, then its loader's resources; never by
 * reflection, which would load the types a signature names from inside the transformer), asks the {@link Weaving}
 * which visitors apply, and runs them over the class file with ASM. What Byte Buddy's {@code AgentBuilder} did per
 * class, without its generated transformer, its type writer and its per-transformation machinery: the visitors
 * (Byte Buddy's {@code Advice}, the call-site marker) only ever add code inside existing methods, so the class's
 * shape (fields, methods, constant pool order) is kept, as retransformation requires.
 */
final class Weaver {
    private final Weaving weaving;

    Weaver(Weaving weaving) {
        this.weaving = weaving;
    }

    /** The woven class file, or {@code null} when no rule matches the type. May throw what Byte Buddy or ASM throw. */
    byte[] weave(ClassLoader loader, String internalName, byte[] classFile) {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                locator, TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        List<AsmVisitorWrapper> visitors = weaving.visitorsFor(type, loader);
        if (visitors.isEmpty()) {
            return null;
        }
        AsmVisitorWrapper visitor = visitors.size() == 1 ? visitors.get(0) : new AsmVisitorWrapper.Compound(visitors);
        int writerFlags = visitor.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = visitor.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassReader reader = OpenedClassReader.of(classFile);
        // Frames, if a visitor asks for them to be computed, from the type pool: never by loading classes.
        ClassWriter writer = ClassWriterStrategy.Default.CONSTANT_POOL_RETAINING.resolve(writerFlags, pool, reader);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        reader.accept(visitor.wrap(type, writer, new FrozenContext(type, version, frames(version, writerFlags,
                readerFlags)), pool, type.getDeclaredFields(), type.getDeclaredMethods(), writerFlags, readerFlags),
                readerFlags);
        return writer.toByteArray();
    }

    /** As Byte Buddy's type writer decides it for a class it rewrites in place. */
    private static Implementation.Context.FrameGeneration frames(ClassFileVersion version, int writerFlags,
                                                                  int readerFlags) {
        if ((writerFlags & ClassWriter.COMPUTE_FRAMES) != 0 || !version.isAtLeast(ClassFileVersion.JAVA_V6)) {
            return Implementation.Context.FrameGeneration.DISABLED;
        }
        return (readerFlags & ClassReader.EXPAND_FRAMES) == 0 ? Implementation.Context.FrameGeneration.GENERATE
                : Implementation.Context.FrameGeneration.EXPAND;
    }

    /**
     * The implementation context of a class whose shape cannot change: no auxiliary types, accessors or fields
     * (what Byte Buddy uses when class format changes are disabled). Inlined advice needs none of them.
     */
    private static final class FrozenContext extends Implementation.Context.Disabled {
        FrozenContext(TypeDescription type, ClassFileVersion version, FrameGeneration frames) {
            super(type, version, frames);
        }
    }
}
