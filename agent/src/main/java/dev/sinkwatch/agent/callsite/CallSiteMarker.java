package dev.sinkwatch.agent.callsite;

import dev.sinkwatch.agent.sink.ClassWeaving;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves call-site markers into application classes as they load: around every call that can reach a sink (a JDK
 * sink API, or a library entry point known to reach one: {@link SinkReachingCalls}), it inserts
 * <pre>  SinkBridge.mark(&lt;id of this class, method, line&gt;);  call;  SinkBridge.unmark();</pre>
 * The class being transformed <em>is</em> the caller, so the call site is a constant known at load time and the
 * steady state never walks the stack. Cost: two thread-local writes per marked call.
 *
 * <p>Limits, by design: a call that exits by an exception leaves its mark until the thread's next marked call
 * (keys are checked against a stack walk when first seen, so a stale mark cannot create a wrongly attributed key;
 * it can only add a known key's count); calls made through the application's own subclasses of JDK sink types, and
 * calls into libraries not known to reach a sink, are unmarked and take the walked slow path, which names the same
 * application line (for a key's first call always; past the walk budget, the line last walked for that target).
 */
public final class CallSiteMarker implements ClassWeaving {

    private static final String BRIDGE = "dev/sinkwatch/agent/bootstrap/SinkBridge";
    /** Constant pool tags (JVMS 4.4). */
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;

    private final AppClasses appClasses;
    private final CallSiteRegistry registry;

    public CallSiteMarker(AppClasses appClasses, CallSiteRegistry registry) {
        this.appClasses = appClasses;
        this.registry = registry;
    }

    @Override
    public ClassVisitor wrap(String internalName, ClassVisitor next) {
        return new MarkingClassVisitor(next, internalName.replace('/', '.'));
    }

    /**
     * Only a class whose constant pool names a method that can reach a sink can get a mark: every call instruction
     * names its method there (a {@code Methodref} or {@code InterfaceMethodref}). Most application classes (entities,
     * controllers that call services, configuration) name none, and are then never read in full: a walk of the pool
     * costs a fraction of ASM reading every method (and of the JIT compiling that reader at start-up).
     */
    @Override
    public boolean mayChange(ClassReader classFile) {
        char[] buffer = new char[classFile.getMaxStringLength()];
        for (int i = 1, count = classFile.getItemCount(); i < count; i++) {
            int offset = classFile.getItem(i);
            if (offset == 0) {
                continue; // the unused slot after a long or double
            }
            int tag = classFile.readByte(offset - 1);
            if (tag == METHOD_REF || tag == INTERFACE_METHOD_REF) {
                String owner = classFile.readClass(offset, buffer);
                String name = classFile.readUTF8(classFile.getItem(classFile.readUnsignedShort(offset + 2)), buffer);
                if (shouldMark(owner, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a call from application code to {@code owner.name} should carry a mark. */
    boolean shouldMark(String owner, String name) {
        return SinkReachingCalls.canReachSink(owner, name) && !appClasses.isApp(owner.replace('/', '.'));
    }

    private final class MarkingClassVisitor extends ClassVisitor implements ClassWeaving.Reporting {
        private final String className;
        private String sourceFile;
        private boolean markedAny;

        @Override
        public boolean changedClass() {
            return markedAny;
        }

        MarkingClassVisitor(ClassVisitor next, String className) {
            super(OpenedClassReader.ASM_API, next);
            this.className = className;
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
            super.visitSource(source, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return next == null ? null : new MarkingMethodVisitor(next, name);
        }

        private final class MarkingMethodVisitor extends MethodVisitor {
            private final String methodName;
            private int line;
            private boolean marked;

            MarkingMethodVisitor(MethodVisitor next, String methodName) {
                super(OpenedClassReader.ASM_API, next);
                this.methodName = methodName;
            }

            @Override
            public void visitLineNumber(int line, net.bytebuddy.jar.asm.Label start) {
                this.line = line;
                super.visitLineNumber(line, start);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (!shouldMark(owner, name)) {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                    return;
                }
                int id = registry.register(className, methodName, sourceFile, line);
                super.visitLdcInsn(id);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "mark", "(I)V", false);
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "unmark", "()V", false);
                marked = true;
                markedAny = true;
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                // The id is pushed on top of the call's arguments: one more stack slot.
                super.visitMaxs(marked ? maxStack + 1 : maxStack, maxLocals);
            }
        }
    }
}
