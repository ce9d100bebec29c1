package dev.sinkwatch.agent.sink;

import net.bytebuddy.jar.asm.Type;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * A call woven into a sink method: a static method of the bootstrap bridge (which every class can see) and where each
 * of its arguments comes from in the woven method ({@link Value}). What the call does lives in the bridge, as plain
 * Java; the woven byte code only loads the arguments and calls it, so there is no advice to inline and nothing to
 * build per class loader. The bridge method must never throw, except a guard whose exception is the point.
 */
public final class BridgeCall {
    final String owner;
    final String name;
    final String descriptor;
    final Value[] values;

    private BridgeCall(String owner, String name, String descriptor, Value[] values) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.values = values;
    }

    /**
     * The public static method {@code name} of a bootstrap bridge class (one method of that name), called with these
     * values; checked here, at premain, so a mismatch fails the agent's own tests, never an application's class.
     */
    public static BridgeCall of(Class<?> bridge, String name, Value... values) {
        Method found = null;
        for (Method method : bridge.getDeclaredMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())
                    && Modifier.isPublic(method.getModifiers())) {
                if (found != null) {
                    throw new IllegalArgumentException(bridge.getName() + "." + name + " is overloaded");
                }
                found = method;
            }
        }
        if (found == null || found.getParameterCount() != values.length) {
            throw new IllegalArgumentException(bridge.getName() + "." + name + " takes no " + values.length
                    + " arguments");
        }
        Class<?>[] parameters = found.getParameterTypes();
        for (int i = 0; i < values.length; i++) {
            values[i].check(parameters[i], bridge.getName() + "." + name + " argument " + i);
        }
        return new BridgeCall(Type.getInternalName(bridge), name, Type.getMethodDescriptor(found),
                values.clone());
    }

    Type returnType() {
        return Type.getReturnType(descriptor);
    }

    boolean uses(Value.Source source) {
        for (Value value : values) {
            if (value.source == source) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return owner + "." + name + Arrays.toString(values);
    }

    /** Where an argument of a {@link BridgeCall} comes from in the woven method. */
    public static final class Value {
        enum Source { STATE, SELF, ARGUMENT, RETURNED, THROWN, CONSTANT, NULL, FIELD, CLASS }

        final Source source;
        /** The argument's index, or the constant. */
        final int index;
        /** A field's name, or a class's internal name. */
        final String name;
        final String descriptor;

        private Value(Source source, int index, String name, String descriptor) {
            this.source = source;
            this.index = index;
            this.name = name;
            this.descriptor = descriptor;
        }

        /** The thread state {@code SinkBridge.enter} returned at the method's entry (a sink hook only). */
        public static final Value STATE = new Value(Source.STATE, 0, null, null);
        /** {@code this} ({@code null} in a static method). */
        public static final Value SELF = new Value(Source.SELF, 0, null, null);
        /** What the method returns ({@code null} when it throws or returns nothing). */
        public static final Value RETURNED = new Value(Source.RETURNED, 0, null, null);
        /** What the method throws ({@code null} when it returns). */
        public static final Value THROWN = new Value(Source.THROWN, 0, null, null);
        public static final Value NULL = new Value(Source.NULL, 0, null, null);

        /** The method's argument {@code index} (from 0), as it is when the call is made. */
        public static Value argument(int index) {
            return new Value(Source.ARGUMENT, index, null, null);
        }

        public static Value constant(int value) {
            return new Value(Source.CONSTANT, value, null, null);
        }

        /** A field of {@code this}, read in the woven class itself (so a private one too). */
        public static Value field(String name, Class<?> type) {
            return new Value(Source.FIELD, 0, name, Type.getDescriptor(type));
        }

        /**
         * A class as the woven class sees it, by binary name: the bridge gets the very type the woven method's
         * signature names (the servlet API of that class's loader).
         */
        public static Value type(String binaryName) {
            return new Value(Source.CLASS, 0, binaryName.replace('.', '/'), null);
        }

        private void check(Class<?> parameter, String where) {
            boolean ok;
            switch (source) {
                case CONSTANT:
                    ok = parameter == int.class;
                    break;
                case STATE:
                    ok = parameter.getName().equals("dev.sinkwatch.agent.bootstrap.ThreadState");
                    break;
                case THROWN:
                    ok = parameter == Throwable.class;
                    break;
                case CLASS:
                    ok = parameter == Class.class;
                    break;
                case FIELD:
                    ok = parameter == Object.class || Type.getDescriptor(parameter).equals(descriptor);
                    break;
                case ARGUMENT:
                    ok = true; // against the woven method's own signature when it is woven (HookWeaver)
                    break;
                default:
                    ok = parameter == Object.class;
            }
            if (!ok) {
                throw new IllegalArgumentException(where + " (" + parameter.getName() + ") cannot take " + this);
            }
        }

        @Override
        public String toString() {
            switch (source) {
                case ARGUMENT:
                    return "argument " + index;
                case CONSTANT:
                    return String.valueOf(index);
                case FIELD:
                    return "field " + name;
                case CLASS:
                    return name + ".class";
                default:
                    return source.name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }
}
