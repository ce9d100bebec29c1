package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.sink.BridgeCall.Value;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one {@link Hook} into one method as its class file is read (ASM, frames expanded):
 * <pre>
 *   state = SinkBridge.enter(kind);          // a sink hook: into a local of its own
 *   try {                                     // a hook whose exit also runs on throw
 *       ... the method, unchanged, every {@code return v} becoming: exit(state, ..., v, null); return v;
 *   } catch (Throwable t) { exit(state, ..., null, t); throw t; }
 * </pre>
 * Nothing is inlined but loads of values and one static call: no branch is added, so the only stack map frame
 * written is the handler's, and the original frames only gain the hook's locals.
 *
 * <p>Locals: a hook that needs them ({@link Hook#needsLocals}) takes slots right after the method's parameters (the
 * state, a returned value of up to two slots, a thrown one, then a copy, taken at entry, of each parameter and of
 * {@code this} its exit call reads), and every local the method had there moves up by as many (instructions, frames,
 * debug tables): the JVM keeps a method's parameters at fixed slots, and the hook's locals must sit in every frame of
 * the method. The exit call reads the copies, as Byte Buddy's exit advice read its backed-up arguments: a method that
 * reassigns a parameter (a driver rewriting its SQL) still reports what it was called with, and the handler's frame
 * need not assume anything of the parameters' slots (code not compiled by javac may reuse them). Several hooks on
 * one method nest: each moves what it is handed, the other hooks' locals included.
 *
 * <p>The handler covers the method's code between the hook's own exit calls, after the method's own handlers, so
 * the method catches what it catches first. Constructors take no hook that runs on throw (a handler around
 * {@code super(...)} cannot see an initialised {@code this}); {@link HookSet} never asks for one.
 */
final class HookWeaver extends MethodVisitor {
    /** State, returned value (two slots for a long or double), thrown value; the copies come after them. */
    static final int HOOK_SLOTS = 4;
    private static final String BRIDGE = "dev/sinkwatch/agent/bootstrap/SinkBridge";
    private static final String STATE = "dev/sinkwatch/agent/bootstrap/ThreadState";
    private static final String THROWABLE = "java/lang/Throwable";

    private final Hook hook;
    private final String owner;
    private final boolean isStatic;
    private final Type[] arguments;
    private final Type returned;
    private final boolean frames;
    /** The first slot after the parameters: where the hook's locals go. */
    private final int firstLocal;
    private final int shift;
    private final int stateSlot;
    private final int returnedSlot;
    private final int thrownSlot;
    /** Per parameter, the slot of the copy the exit call reads, or -1. */
    private final int[] copySlots;
    /** The slot of the copy of {@code this} the exit call reads (for {@code SELF} or a field), or -1. */
    private final int selfCopySlot;

    private final List<Label> covered = new ArrayList<>(); // start, end, start, end, ...
    private Label segmentStart;
    private boolean segmentHasCode;

    /**
     * @param owner   the woven class's internal name
     * @param version the class file's version: from 50 (Java 6) a handler gets a stack map frame; below 49 (Java 5)
     *                a class constant cannot be loaded, and a hook that needs one is refused
     */
    HookWeaver(MethodVisitor next, Hook hook, String owner, int access, String name, String descriptor,
               int version) {
        super(OpenedClassReader.ASM_API, next);
        this.hook = hook;
        this.owner = owner;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returned = Type.getReturnType(descriptor);
        this.frames = (version & 0xFFFF) >= Opcodes.V1_6;
        if ((version & 0xFFFF) < Opcodes.V1_5 && (uses(hook.entry, Value.Source.CLASS)
                || uses(hook.exit, Value.Source.CLASS))) {
            throw new IllegalArgumentException(owner + " is a class file of version " + (version & 0xFFFF)
                    + ", which cannot load a class constant");
        }
        int slots = isStatic ? 0 : 1;
        for (Type argument : arguments) {
            slots += argument.getSize();
        }
        this.firstLocal = slots;
        this.stateSlot = firstLocal;
        this.returnedSlot = firstLocal + 1;
        this.thrownSlot = firstLocal + 3;
        this.copySlots = new int[arguments.length];
        int free = firstLocal + HOOK_SLOTS;
        for (int i = 0; i < arguments.length; i++) {
            copySlots[i] = -1;
            if (reads(hook.exit, Value.Source.ARGUMENT, i)) {
                copySlots[i] = free;
                free += arguments[i].getSize();
            }
        }
        // Not in a constructor: before super(...) this is uninitialised, and frames there could not declare a copy;
        // at a constructor's return this is what it was anyway.
        boolean readsSelf = !isStatic && !name.equals("<init>")
                && (uses(hook.exit, Value.Source.SELF) || uses(hook.exit, Value.Source.FIELD));
        this.selfCopySlot = readsSelf ? free++ : -1;
        this.shift = hook.needsLocals() || free > firstLocal + HOOK_SLOTS ? free - firstLocal : 0;
        check(hook.entry);
        check(hook.exit);
        if (hook.replacedArgument >= arguments.length) {
            throw new IllegalArgumentException("no argument " + hook.replacedArgument + " to replace");
        }
    }

    private static boolean uses(BridgeCall call, Value.Source source) {
        return call != null && call.uses(source);
    }

    private static boolean reads(BridgeCall call, Value.Source source, int index) {
        if (call != null) {
            for (Value value : call.values) {
                if (value.source == source && value.index == index) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every argument a call loads must exist in this method with a type the bridge method takes as it is. */
    private void check(BridgeCall call) {
        if (call == null) {
            return;
        }
        Type[] parameters = Type.getArgumentTypes(call.descriptor);
        for (int i = 0; i < call.values.length; i++) {
            Value value = call.values[i];
            if (value.source == Value.Source.ARGUMENT) {
                if (value.index >= arguments.length) {
                    throw new IllegalArgumentException(call + ": the method has no argument " + value.index);
                }
                if (!passes(arguments[value.index], parameters[i])) {
                    throw new IllegalArgumentException(call + ": argument " + value.index + " is a "
                            + arguments[value.index].getClassName());
                }
            } else if (value.source == Value.Source.RETURNED && !passes(returned, Type.getType(Object.class))
                    && returned.getSort() != Type.VOID) {
                throw new IllegalArgumentException(call + ": the method returns a " + returned.getClassName());
            }
        }
    }

    /** A value of type {@code from} needs no conversion to be passed as {@code to}. */
    private static boolean passes(Type from, Type to) {
        if (from.getSort() == Type.OBJECT || from.getSort() == Type.ARRAY) {
            return to.getDescriptor().equals("Ljava/lang/Object;") || to.equals(from);
        }
        return from.getSort() == to.getSort()
                || to.getSort() == Type.INT && from.getSort() <= Type.INT && from.getSort() >= Type.BOOLEAN;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (hook.kind >= 0) {
            push(hook.kind);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "enter", "(I)L" + STATE + ";", false);
            super.visitVarInsn(Opcodes.ASTORE, stateSlot);
        }
        if (hook.entry != null) {
            call(hook.entry, false, false);
            Type result = hook.entry.returnType();
            if (hook.replacedArgument >= 0) {
                Type argument = arguments[hook.replacedArgument];
                if (!result.equals(argument)) {
                    super.visitTypeInsn(Opcodes.CHECKCAST, argument.getInternalName());
                }
                super.visitVarInsn(argument.getOpcode(Opcodes.ISTORE), argumentSlot(hook.replacedArgument));
            } else {
                pop(result);
            }
        }
        for (int i = 0; i < arguments.length; i++) {
            if (copySlots[i] >= 0) {
                super.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), argumentSlot(i));
                super.visitVarInsn(arguments[i].getOpcode(Opcodes.ISTORE), copySlots[i]);
            }
        }
        if (selfCopySlot >= 0) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitVarInsn(Opcodes.ASTORE, selfCopySlot);
        }
        if (hook.exit != null && hook.onThrowable) {
            startSegment();
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (hook.exit != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (hook.onThrowable) {
                endSegment();
            }
            boolean keep = opcode != Opcodes.RETURN && hook.exit.uses(Value.Source.RETURNED);
            if (keep) {
                super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), returnedSlot);
            }
            call(hook.exit, true, false);
            pop(hook.exit.returnType());
            if (keep) {
                super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), returnedSlot);
            }
            super.visitInsn(opcode);
            if (hook.onThrowable) {
                startSegment();
            }
            return;
        }
        segmentHasCode = true;
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (hook.exit != null && hook.onThrowable) {
            endSegment();
            if (!covered.isEmpty()) {
                Label handler = new Label();
                for (int i = 0; i < covered.size(); i += 2) {
                    super.visitTryCatchBlock(covered.get(i), covered.get(i + 1), handler, THROWABLE);
                }
                super.visitLabel(handler);
                if (frames) {
                    Object[] locals = handlerLocals();
                    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[]{THROWABLE});
                }
                super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
                call(hook.exit, true, true);
                pop(hook.exit.returnType());
                super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                super.visitInsn(Opcodes.ATHROW);
            }
        }
        // Room for the calls' arguments above whatever the method keeps on its stack at a return.
        super.visitMaxs(maxStack + 2 * (countValues() + 2), Math.max(maxLocals, firstLocal) + shift);
    }

    private int countValues() {
        return (hook.entry == null ? 0 : hook.entry.values.length) + (hook.exit == null ? 0 : hook.exit.values.length);
    }

    /**
     * The handler's frame: nothing assumed of {@code this} and the parameters (the method may have stored something
     * else in their slots), then the hook's own locals: the state and the copies the exit call reads.
     */
    private Object[] handlerLocals() {
        List<Object> locals = new ArrayList<>();
        for (int slot = 0; slot < firstLocal; slot++) {
            locals.add(Opcodes.TOP);
        }
        addHookLocals(locals);
        return locals.toArray();
    }

    /** The types of the hook's locals, in slot order: state, returned (two slots), thrown, copies, {@code this}'s copy. */
    private void addHookLocals(List<Object> locals) {
        locals.add(hook.kind >= 0 ? STATE : Opcodes.TOP);
        locals.add(Opcodes.TOP);
        locals.add(Opcodes.TOP);
        locals.add(Opcodes.TOP);
        for (int i = 0; i < arguments.length; i++) {
            if (copySlots[i] >= 0) {
                locals.add(frameType(arguments[i])); // one entry, even for a long or double's two slots
            }
        }
        if (selfCopySlot >= 0) {
            locals.add(owner);
        }
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN: case Type.CHAR: case Type.BYTE: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return type.getDescriptor();
            default:
                return type.getInternalName();
        }
    }

    private void startSegment() {
        segmentStart = new Label();
        super.visitLabel(segmentStart);
        segmentHasCode = false;
    }

    private void endSegment() {
        if (segmentHasCode) {
            Label end = new Label();
            super.visitLabel(end);
            covered.add(segmentStart);
            covered.add(end);
        }
        segmentHasCode = false;
    }

    /**
     * Loads the call's values and calls it: at entry from the parameters themselves, at exit from the copies taken
     * at entry; {@code thrown} in the handler.
     */
    private void call(BridgeCall call, boolean atExit, boolean thrown) {
        for (Value value : call.values) {
            switch (value.source) {
                case STATE:
                    super.visitVarInsn(Opcodes.ALOAD, stateSlot);
                    break;
                case SELF:
                    loadSelf(atExit);
                    break;
                case ARGUMENT:
                    Type argument = arguments[value.index];
                    super.visitVarInsn(argument.getOpcode(Opcodes.ILOAD),
                            atExit ? copySlots[value.index] : argumentSlot(value.index));
                    break;
                case RETURNED:
                    if (thrown || returned.getSort() == Type.VOID) {
                        super.visitInsn(Opcodes.ACONST_NULL);
                    } else {
                        super.visitVarInsn(Opcodes.ALOAD, returnedSlot);
                    }
                    break;
                case THROWN:
                    if (thrown) {
                        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    } else {
                        super.visitInsn(Opcodes.ACONST_NULL);
                    }
                    break;
                case CONSTANT:
                    push(value.index);
                    break;
                case FIELD:
                    loadSelf(atExit);
                    if (!isStatic) {
                        super.visitFieldInsn(Opcodes.GETFIELD, owner, value.name, value.descriptor);
                    }
                    break;
                case CLASS:
                    super.visitLdcInsn(Type.getObjectType(value.name));
                    break;
                default:
                    super.visitInsn(Opcodes.ACONST_NULL);
            }
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, call.owner, call.name, call.descriptor, false);
    }

    /** {@code this} ({@code null} in a static method): at exit its copy, except in a constructor, which has none. */
    private void loadSelf(boolean atExit) {
        if (isStatic) {
            super.visitInsn(Opcodes.ACONST_NULL);
        } else {
            super.visitVarInsn(Opcodes.ALOAD, atExit && selfCopySlot >= 0 ? selfCopySlot : 0);
        }
    }

    private int argumentSlot(int index) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += arguments[i].getSize();
        }
        return slot;
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }

    private void pop(Type type) {
        if (type.getSize() == 1) {
            super.visitInsn(Opcodes.POP);
        } else if (type.getSize() == 2) {
            super.visitInsn(Opcodes.POP2);
        }
    }

    // The method's own locals past its parameters move up by the hook's slots.

    private int local(int slot) {
        return slot >= firstLocal ? slot + shift : slot;
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        segmentHasCode = true;
        super.visitVarInsn(opcode, local(var));
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        segmentHasCode = true;
        super.visitIincInsn(local(var), increment);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                   int index) {
        super.visitLocalVariable(name, descriptor, signature, start, end, local(index));
    }

    @Override
    public net.bytebuddy.jar.asm.AnnotationVisitor visitLocalVariableAnnotation(
            int typeRef, net.bytebuddy.jar.asm.TypePath typePath, Label[] start, Label[] end, int[] index,
            String descriptor, boolean visible) {
        int[] moved = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            moved[i] = local(index[i]);
        }
        return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, moved, descriptor, visible);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (shift == 0) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be expanded to move locals");
        }
        List<Object> locals = new ArrayList<>(numLocal + shift);
        int slot = 0;
        int i = 0;
        while (i < numLocal && slot < firstLocal) {
            Object entry = local[i++];
            locals.add(entry);
            slot += entry == Opcodes.LONG || entry == Opcodes.DOUBLE ? 2 : 1;
        }
        if (slot > firstLocal) {
            throw new IllegalStateException("a frame splits the parameters' slots");
        }
        for (; slot < firstLocal; slot++) {
            locals.add(Opcodes.TOP);
        }
        addHookLocals(locals);
        while (i < numLocal) {
            locals.add(local[i++]);
        }
        super.visitFrame(type, locals.size(), locals.toArray(), numStack, stack);
    }

    // Any other instruction is code a handler may cover.

    @Override
    public void visitIntInsn(int opcode, int operand) {
        segmentHasCode = true;
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        segmentHasCode = true;
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
        segmentHasCode = true;
        super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor,
                                boolean isInterface) {
        segmentHasCode = true;
        super.visitMethodInsn(opcode, methodOwner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        segmentHasCode = true;
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        segmentHasCode = true;
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        segmentHasCode = true;
        super.visitLdcInsn(value);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        segmentHasCode = true;
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        segmentHasCode = true;
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        segmentHasCode = true;
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
