package dev.sinkwatch.agent.callsite;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves call-site markers into application classes as they load: around every call that can reach a sink (a JDK
 * sink API, or any library, which may reach one on the app's behalf), it inserts
 * <pre>  SinkBridge.mark(&lt;id of this class, method, line&gt;);  call;  SinkBridge.unmark();</pre>
 * The class being transformed <em>is</em> the caller, so the call site is a constant known at load time and the
 * steady state never walks the stack. Cost: two thread-local writes per marked call.
 *
 * <p>Limits, by design: a call that exits by an exception leaves its mark until the thread's next marked call
 * (keys are checked against a stack walk when first seen, so a stale mark cannot create a wrongly attributed key;
 * it can only add a known key's count); calls made through the application's own subclasses of JDK sink types are
 * unmarked and take the walked slow path.
 */
public final class CallSiteMarker extends AsmVisitorWrapper.AbstractBase {

    private static final String BRIDGE = "dev/sinkwatch/agent/bootstrap/SinkBridge";

    /**
     * JDK calls that are sinks or lead straight to one, by owner prefix and method name prefix ({@code *} = any).
     * Kept narrow on purpose: {@code ResultSet.next()} or {@code Path.resolve()} are called far more often than
     * any sink, and marking them would cost every call two thread-local writes for nothing.
     */
    private static final String[][] JDK_SINK_CALLS = {
            {"java/sql/", "execute"}, {"java/sql/", "addBatch"}, {"java/sql/", "prepare"},
            {"java/sql/", "createStatement"}, {"java/sql/", "getConnection"}, {"java/sql/", "connect"},
            {"javax/sql/", "getConnection"}, {"javax/sql/", "getPooledConnection"}, {"javax/sql/", "getXAConnection"},
            {"java/nio/file/Files", "*"}, {"java/nio/file/spi/", "*"}, {"java/nio/channels/", "open"},
            {"java/nio/channels/", "connect"}, {"java/nio/channels/", "send"},
            {"java/net/", "*"}, {"javax/naming/", "*"}, {"java/rmi/", "*"},
            {"java/io/File", "<init>"}, {"java/io/File", "delete"}, {"java/io/File", "renameTo"},
            {"java/io/File", "list"}, {"java/io/File", "mkdir"}, {"java/io/RandomAccessFile", "<init>"},
            {"java/io/ObjectInputStream", "read"}, {"java/io/", "<init>"},
            {"java/lang/ProcessBuilder", "start"}, {"java/lang/Runtime", "exec"},
            {"java/util/zip/ZipFile", "<init>"}, {"java/util/jar/JarFile", "<init>"}, {"java/util/Scanner", "<init>"},
    };

    private final AppClasses appClasses;
    private final CallSiteRegistry registry;

    public CallSiteMarker(AppClasses appClasses, CallSiteRegistry registry) {
        this.appClasses = appClasses;
        this.registry = registry;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                             Implementation.Context implementationContext, TypePool typePool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                             int writerFlags, int readerFlags) {
        return new MarkingClassVisitor(classVisitor, instrumentedType.getName());
    }

    /** Whether a call from application code to {@code owner.name} should carry a mark. */
    boolean shouldMark(String owner, String name) {
        if (owner.startsWith("java/") || owner.startsWith("javax/")) {
            for (String[] call : JDK_SINK_CALLS) {
                if (owner.startsWith(call[0]) && (call[1].equals("*") || name.startsWith(call[1]))) {
                    return true;
                }
            }
            return false;
        }
        if (owner.startsWith("jdk/") || owner.startsWith("sun/") || owner.startsWith("com/sun/")
                || owner.startsWith("dev/sinkwatch/") || owner.startsWith("[")) {
            return false;
        }
        // A library (driver, pool, JDBC helper, HTTP client...) may reach a sink for the application.
        return !appClasses.isApp(owner.replace('/', '.'));
    }

    private final class MarkingClassVisitor extends ClassVisitor {
        private final String className;
        private String sourceFile;

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
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                // The id is pushed on top of the call's arguments: one more stack slot.
                super.visitMaxs(marked ? maxStack + 1 : maxStack, maxLocals);
            }
        }
    }
}
