package dev.sinkwatch.agent.sink;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import static dev.sinkwatch.agent.sink.BridgeCall.Value.RETURNED;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.SELF;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.STATE;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.THROWN;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.argument;
import static dev.sinkwatch.agent.sink.BridgeCall.Value.field;
import static dev.sinkwatch.agent.sink.Methods.isConstructor;
import static dev.sinkwatch.agent.sink.Methods.named;
import static dev.sinkwatch.agent.sink.Methods.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hooks written into real methods, loaded and verified by the JVM (a class with a broken frame or local would fail
 * to load with a {@code VerifyError}), then run: the methods behave as before and the bridge gets what the hook names.
 */
class HookWeaverTest {
    private static final int KIND = 1;

    private Class<?> woven;

    @BeforeEach
    void weave() throws Exception {
        HookProbe.calls.clear();
        Hook sinkWithReturn = Hook.sink(KIND, BridgeCall.of(HookProbe.class, "sinkExit", STATE, argument(0),
                RETURNED, THROWN));
        Hook plainSink = Hook.sink(KIND, BridgeCall.of(HookProbe.class, "plainExit", STATE, argument(0), THROWN));
        HookSet hooks = new HookSet()
                .on(named("echo"), sinkWithReturn)
                .on(named("echo"), Hook.atEntry(BridgeCall.of(HookProbe.class, "entered", argument(0))))
                .on(named("fails"), plainSink)
                .on(named("rewrites"), sinkWithReturn)
                .on(named("catches"), plainSink)
                .on(named("twice"), Hook.sink(KIND, BridgeCall.of(HookProbe.class, "staticExit", STATE, SELF,
                        THROWN)))
                .on(named("upper"), Hook.replacingArgument(0, BridgeCall.of(HookProbe.class, "replace",
                        argument(0))))
                .on(named("touch"), Hook.atExit(BridgeCall.of(HookProbe.class, "entered", SELF)))
                .on(isConstructor().and(takesArguments(String.class)), Hook.atExit(BridgeCall.of(HookProbe.class,
                        "constructed", SELF, argument(0), field("name", String.class))));
        woven = new WovenLoader(weave(HookTarget.class, hooks)).loadClass(HookTarget.class.getName());
    }

    @Test
    @DisplayName("a sink hook sees the argument and what is returned; the method's wide locals and loop are intact")
    void returnsAsBefore() throws Exception {
        Object target = woven.getConstructor().newInstance();
        HookProbe.calls.clear();
        Object result = call(target, "echo", new Class<?>[]{String.class, long.class, double.class}, "a", 3L, 0.5);
        assertEquals(new HookTarget().echo("a", 3L, 0.5), result);
        assertEquals(List.of("entered a", "exit a returned " + result + " thrown null"), HookProbe.calls);
    }

    @Test
    @DisplayName("a throw reaches the caller unchanged, and the exit call sees it")
    void throwsAsBefore() throws Exception {
        Object target = woven.getConstructor().newInstance();
        HookProbe.calls.clear();
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> call(target, "fails", new Class<?>[]{String.class}, "boom"));
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertEquals("boom", thrown.getCause().getMessage());
        assertEquals(0, call(target, "fails", new Class<?>[]{String.class}, ""));
        assertEquals(List.of("exit boom thrown IllegalStateException", "exit  thrown null"), HookProbe.calls);
    }

    @Test
    @DisplayName("the exit call sees the arguments the method was called with, even if it reassigned them")
    void argumentsAsCalled() throws Exception {
        Object target = woven.getConstructor().newInstance();
        HookProbe.calls.clear();
        assertEquals("x", call(target, "rewrites", new Class<?>[]{String.class}, "  x "));
        assertEquals(List.of("exit   x  returned x thrown null"), HookProbe.calls);
    }

    @Test
    @DisplayName("a hook a method cannot take is left out for that method only; a missing field leaves it out")
    void unfitHooksAreLeftOut() throws Exception {
        HookSet hooks = new HookSet()
                .on(named("fails"), Hook.atExit(BridgeCall.of(HookProbe.class, "entered", RETURNED))) // returns int
                .on(named("touch"), Hook.atExit(BridgeCall.of(HookProbe.class, "entered",
                        field("missing", String.class))))
                .on(named("upper"), Hook.atExit(BridgeCall.of(HookProbe.class, "entered", argument(0))));
        Class<?> type = new WovenLoader(weave(HookTarget.class, hooks)).loadClass(HookTarget.class.getName());
        Object target = type.getConstructor().newInstance();
        HookProbe.calls.clear();
        type.getMethod("touch").invoke(target);
        assertEquals(0, type.getMethod("fails", String.class).invoke(target, ""));
        assertEquals("Y", type.getMethod("upper", String.class).invoke(target, "y"));
        assertEquals(List.of("touched none", "entered y"), HookProbe.calls);
    }

    @Test
    @DisplayName("the method's own handler catches first")
    void ownHandlerFirst() throws Exception {
        Object target = woven.getConstructor().newInstance();
        HookProbe.calls.clear();
        assertEquals(-1, call(target, "catches", new Class<?>[]{String.class}, "x"));
        assertEquals(7, call(target, "catches", new Class<?>[]{String.class}, "7"));
        assertEquals(List.of("exit x thrown null", "exit 7 thrown null"), HookProbe.calls);
    }

    @Test
    @DisplayName("static methods with a wide parameter; an argument replaced at entry; a void method; a constructor")
    void otherShapes() throws Exception {
        assertEquals(42L, call(null, "twice", new Class<?>[]{long.class}, 21L));
        Object target = woven.getConstructor(String.class).newInstance("n");
        assertEquals("REPLACED X", call(target, "upper", new Class<?>[]{String.class}, "x"));
        call(target, "touch", new Class<?>[0]);
        assertEquals(List.of("static exit self null thrown null", "constructed n field n self true", "touched n",
                "entered " + target), HookProbe.calls);
    }

    @Test
    @DisplayName("a call the method cannot make (no such argument) is not written, and the method runs as before")
    void refusesWhatCannotLink() throws Exception {
        HookSet hooks = new HookSet().on(named("touch"), Hook.atExit(BridgeCall.of(HookProbe.class, "entered",
                argument(0))));
        assertEquals(List.of("touched none"), runTouch(weave(HookTarget.class, hooks), 0));
        assertThrows(IllegalArgumentException.class, () -> BridgeCall.of(HookProbe.class, "entered", THROWN));
    }

    @Test
    @DisplayName("a class file too old to load a class constant is not woven with a hook that needs one")
    void refusesClassConstantsInOldClassFiles() throws Exception {
        HookSet hooks = new HookSet().on(named("touch"), Hook.atExit(BridgeCall.of(HookProbe.class, "typed",
                BridgeCall.Value.type("java.lang.String"))));
        assertEquals(List.of("typed java.lang.String"), runTouch(weave(HookTarget.class, hooks), 1),
                "a current class file loads the constant");
        byte[] classFile = classFile(HookTarget.class);
        classFile[6] = 0;
        classFile[7] = 48; // Java 1.4
        ClassReader reader = new ClassReader(classFile);
        ClassVisitor visitor = hooks.wrap(reader.getClassName(), new ClassWriter(reader, 0));
        reader.accept(visitor, 0);
        assertFalse(((ClassWeaving.Reporting) visitor).changedClass(), "left as it was");
    }

    /** What the probe heard from {@code touch()}, past its first {@code skip} calls. */
    private static List<String> runTouch(byte[] classFile, int skip) throws Exception {
        Class<?> type = new WovenLoader(classFile).loadClass(HookTarget.class.getName());
        Object target = type.getConstructor().newInstance();
        HookProbe.calls.clear();
        type.getMethod("touch").invoke(target);
        return List.copyOf(HookProbe.calls.subList(skip, HookProbe.calls.size()));
    }

    private Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        return woven.getMethod(name, types).invoke(target, args);
    }

    /** As the agent's {@code Weaver} does it: the class file read and written with its constant pool kept. */
    private static byte[] weave(Class<?> type, ClassWeaving hooks) throws Exception {
        byte[] classFile = classFile(type);
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(hooks.wrap(reader.getClassName(), writer), hooks.readerFlags());
        return writer.toByteArray();
    }

    private static byte[] classFile(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the woven class itself; everything else (the probe) from the test's loader. */
    private static final class WovenLoader extends ClassLoader {
        private final byte[] classFile;

        WovenLoader(byte[] classFile) {
            super(HookWeaverTest.class.getClassLoader());
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(HookTarget.class.getName())) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : defineClass(name, classFile, 0, classFile.length);
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
