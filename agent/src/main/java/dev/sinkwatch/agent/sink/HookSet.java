package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.AgentLog;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hooks for the methods of a matched type: pairs of a {@link MethodMatcher} and a {@link Hook}, decided per
 * method as the class file is read. Every pair that matches a method applies to it, in the order added (the first
 * added is written first, innermost). The same visitor serves every class loader: a hook names bridge methods only,
 * which every loader sees through the boot loader, so nothing is read or built per loader. Hooks that run on throw
 * are not written into constructors. Immutable: {@link #on} returns a new set.
 */
public final class HookSet implements ClassWeaving {
    private final List<MethodMatcher> matchers;
    private final List<Hook> hooks;

    HookSet() {
        this(Collections.emptyList(), Collections.emptyList());
    }

    private HookSet(List<MethodMatcher> matchers, List<Hook> hooks) {
        this.matchers = matchers;
        this.hooks = hooks;
    }

    /** This set and {@code hook} on the methods that match. */
    public HookSet on(MethodMatcher methods, Hook hook) {
        List<MethodMatcher> moreMatchers = new ArrayList<>(matchers);
        moreMatchers.add(methods);
        List<Hook> moreHooks = new ArrayList<>(hooks);
        moreHooks.add(hook);
        return new HookSet(Collections.unmodifiableList(moreMatchers), Collections.unmodifiableList(moreHooks));
    }

    /** Frames come expanded, so that the hooks' locals can be added to each. */
    @Override
    public int readerFlags() {
        return ClassReader.EXPAND_FRAMES;
    }

    @Override
    public ClassVisitor wrap(String internalName, ClassVisitor next) {
        return new HookingClassVisitor(next);
    }

    private final class HookingClassVisitor extends ClassVisitor implements ClassWeaving.Reporting {
        private String owner;
        private int version;
        private boolean hooked;
        /** The class's fields, name and descriptor: a hook reading one the class lacks is not written. */
        private final java.util.Set<String> fields = new java.util.HashSet<>();

        HookingClassVisitor(ClassVisitor next) {
            super(OpenedClassReader.ASM_API, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            owner = name;
            this.version = version;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public net.bytebuddy.jar.asm.FieldVisitor visitField(int access, String name, String descriptor,
                                                              String signature, Object value) {
            fields.add(name + ":" + descriptor); // a class file lists its fields before its methods
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (visitor == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return visitor;
            }
            for (int i = 0; i < matchers.size(); i++) {
                Hook hook = hooks.get(i);
                if (matchers.get(i).matches(access, name, descriptor)
                        && !(hook.onThrowable && name.equals("<init>")) && fieldsPresent(hook)) {
                    try {
                        visitor = new HookWeaver(visitor, hook, owner, access, name, descriptor, version);
                        hooked = true;
                    } catch (IllegalArgumentException cannotLink) {
                        // this method's signature does not fit the hook (a name-only match): the other methods
                        // and hooks of the class are still written
                        AgentLog.debug("not hooked: " + owner.replace('/', '.') + "." + name + descriptor + ": "
                                + cannotLink.getMessage());
                    }
                }
            }
            return visitor;
        }

        @Override
        public boolean changedClass() {
            return hooked;
        }

        private boolean fieldsPresent(Hook hook) {
            return fieldsPresent(hook.entry) && fieldsPresent(hook.exit);
        }

        private boolean fieldsPresent(BridgeCall call) {
            if (call != null) {
                for (BridgeCall.Value value : call.values) {
                    if (value.source == BridgeCall.Value.Source.FIELD
                            && !fields.contains(value.name + ":" + value.descriptor)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
