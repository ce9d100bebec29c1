package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.sink.HierarchyGate;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * Byte Buddy's transformer behind two early checks. First by name and loader: a class the {@link TypeFilter}
 * rejects costs one trie walk and never reaches Byte Buddy, which would otherwise build a class file locator, a type
 * pool and a type description, take its circularity lock and call its listeners for every class the JVM loads.
 * Then, for a library class that is neither application code nor a type matched by name, by its header: its direct
 * supertypes are read from the class file ({@link ClassHeader}) and the enabled modules' {@link HierarchyGate}s say
 * whether it could match; only if one says yes (or the header cannot be read) does Byte Buddy describe it. Classes
 * being retransformed always go to Byte Buddy.
 */
final class EarlyRejectingTransformer extends ResettableClassFileTransformer.WithDelegation {
    private final TypeFilter filter;
    private final AppClasses appClasses;
    private final List<HierarchyGate> gates;

    EarlyRejectingTransformer(ResettableClassFileTransformer delegate, TypeFilter filter, AppClasses appClasses,
                              List<HierarchyGate> gates) {
        super(delegate);
        this.filter = filter;
        this.appClasses = appClasses;
        this.gates = gates;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        if (rejects(loader, internalName, classBeingRedefined, classFile)) {
            return null;
        }
        return classFileTransformer.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        if (rejects(loader, internalName, classBeingRedefined, classFile)) {
            return null;
        }
        return classFileTransformer.transform(module, loader, internalName, classBeingRedefined, protectionDomain,
                classFile);
    }

    private boolean rejects(ClassLoader loader, String internalName, Class<?> classBeingRedefined, byte[] classFile) {
        if (filter.ignores(internalName, loader)) {
            return true;
        }
        if (classBeingRedefined != null || filter.isNamedType(internalName)) {
            return false;
        }
        String className = internalName.replace('/', '.');
        if (appClasses.isApp(className)) {
            return false;
        }
        String[] supertypes = ClassHeader.supertypes(classFile);
        if (supertypes == null) {
            return false;
        }
        try {
            for (HierarchyGate gate : gates) {
                if (gate.mayMatch(loader, className, supertypes)) {
                    return false;
                }
            }
        } catch (RuntimeException unexpected) {
            return false; // never decide on a broken answer: Byte Buddy's own matchers still run
        }
        return true;
    }
}
