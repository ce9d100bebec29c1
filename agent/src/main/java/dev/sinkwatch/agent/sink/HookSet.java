package dev.sinkwatch.agent.sink;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hooks for the methods of a matched type: pairs of a method matcher and a {@link Hook}. The same visitor serves
 * every class loader: a hook names bridge methods only, which every loader sees through the boot loader, so nothing
 * is read or built per loader. Every pair whose matcher matches a declared method applies to it, in the order added
 * (the first added is written first, innermost). Immutable: {@link #on} returns a new set.
 */
public final class HookSet extends AsmVisitorWrapper.AbstractBase implements Weaving.Transformation {
    private final List<ElementMatcher<? super MethodDescription>> matchers;
    private final List<Hook> hooks;

    HookSet() {
        this(Collections.emptyList(), Collections.emptyList());
    }

    private HookSet(List<ElementMatcher<? super MethodDescription>> matchers, List<Hook> hooks) {
        this.matchers = matchers;
        this.hooks = hooks;
    }

    /** This set and {@code hook} on the methods that match. */
    public HookSet on(ElementMatcher<? super MethodDescription> methods, Hook hook) {
        List<ElementMatcher<? super MethodDescription>> moreMatchers = new ArrayList<>(matchers);
        moreMatchers.add(methods);
        List<Hook> moreHooks = new ArrayList<>(hooks);
        moreHooks.add(hook);
        return new HookSet(Collections.unmodifiableList(moreMatchers), Collections.unmodifiableList(moreHooks));
    }

    @Override
    public AsmVisitorWrapper visitor(ClassLoader loader) {
        return this;
    }

    /** Frames come expanded, so that the hooks' locals can be added to each. */
    @Override
    public int mergeReader(int flags) {
        return flags | ClassReader.EXPAND_FRAMES;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                             Implementation.Context implementationContext, TypePool typePool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                             int writerFlags, int readerFlags) {
        Map<String, List<Hook>> byMethod = new HashMap<>();
        for (MethodDescription method : methods) {
            for (int i = 0; i < matchers.size(); i++) {
                Hook hook = hooks.get(i);
                if (matchers.get(i).matches(method) && !(hook.onThrowable && method.isConstructor())) {
                    String key = method.getInternalName() + method.getDescriptor();
                    List<Hook> onMethod = byMethod.get(key); // no lambda: nothing is spun inside the transformer
                    if (onMethod == null) {
                        onMethod = new ArrayList<>(1);
                        byMethod.put(key, onMethod);
                    }
                    onMethod.add(hook);
                }
            }
        }
        return byMethod.isEmpty() ? classVisitor : new HookingClassVisitor(classVisitor, byMethod);
    }

    private static final class HookingClassVisitor extends ClassVisitor {
        private final Map<String, List<Hook>> byMethod;
        private String owner;
        private boolean frames;

        HookingClassVisitor(ClassVisitor next, Map<String, List<Hook>> byMethod) {
            super(OpenedClassReader.ASM_API, next);
            this.byMethod = byMethod;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            owner = name;
            frames = (version & 0xFFFF) >= Opcodes.V1_6;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
            List<Hook> hooks = byMethod.get(name + descriptor);
            if (visitor == null || hooks == null) {
                return visitor;
            }
            for (Hook hook : hooks) {
                visitor = new HookWeaver(visitor, hook, owner, access, descriptor, frames);
            }
            return visitor;
        }
    }
}
