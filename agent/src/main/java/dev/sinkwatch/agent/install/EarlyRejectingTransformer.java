package dev.sinkwatch.agent.install;

import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * Byte Buddy's transformer behind a name-and-loader check: a class the {@link TypeFilter} rejects costs one trie
 * walk and never reaches Byte Buddy, which would otherwise build a class file locator, a type pool and a type
 * description, take its circularity lock and call its listeners for every class the JVM loads.
 */
final class EarlyRejectingTransformer extends ResettableClassFileTransformer.WithDelegation {
    private final TypeFilter filter;

    EarlyRejectingTransformer(ResettableClassFileTransformer delegate, TypeFilter filter) {
        super(delegate);
        this.filter = filter;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        if (filter.ignores(internalName, loader)) {
            return null;
        }
        return classFileTransformer.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        if (filter.ignores(internalName, loader)) {
            return null;
        }
        return classFileTransformer.transform(module, loader, internalName, classBeingRedefined, protectionDomain,
                classFile);
    }
}
