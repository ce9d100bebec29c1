package dev.sinkwatch.agent.install;

/**
 * The direct supertypes named in a class file's header, read from the bytes the JVM hands a transformer: one walk
 * over the constant pool, no class loaded, no type pool. Bounded by the class file's length; malformed or
 * unfamiliar input (a constant pool tag it does not know, a non-ASCII name) gives {@code null}, never an exception,
 * and the caller then leaves the class to Byte Buddy. Stateless, so safe from any thread.
 */
final class ClassHeader {
    private static final int MAGIC = 0xCAFEBABE;

    private ClassHeader() {
    }

    /**
     * @return the superclass's binary name (or {@code null} for {@code java.lang.Object} and modules) followed by
     *         the direct interfaces' binary names; {@code null} if the bytes cannot be read
     */
    static String[] supertypes(byte[] classFile) {
        try {
            return read(classFile);
        } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
            return null;
        }
    }

    private static String[] read(byte[] b) {
        if (b == null || b.length < 10 || u4(b, 0) != MAGIC) {
            return null;
        }
        int count = u2(b, 8);
        int[] entries = new int[count]; // where each entry's tag byte is
        int p = 10;
        for (int i = 1; i < count; i++) {
            entries[i] = p;
            switch (b[p]) {
                case 1: // Utf8
                    p += 3 + u2(b, p + 1);
                    break;
                case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                    p += 3;
                    break;
                case 15: // MethodHandle
                    p += 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // 4-byte constants and refs
                    p += 5;
                    break;
                case 5: case 6: // Long and Double take two slots
                    p += 9;
                    i++;
                    break;
                default:
                    return null;
            }
        }
        int superIndex = u2(b, p + 4);
        int interfaces = u2(b, p + 6);
        String[] names = new String[1 + interfaces];
        names[0] = superIndex == 0 ? null : className(b, entries, superIndex);
        for (int i = 0; i < interfaces; i++) {
            names[1 + i] = className(b, entries, u2(b, p + 8 + 2 * i));
        }
        return names;
    }

    /** The binary name a Class entry points at; throws IllegalArgumentException if it is not one. */
    private static String className(byte[] b, int[] entries, int index) {
        int classEntry = entry(b, entries, index, 7);
        int utf8 = entry(b, entries, u2(b, classEntry + 1), 1);
        int length = u2(b, utf8 + 1);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            byte c = b[utf8 + 3 + i];
            if (c <= 0) {
                throw new IllegalArgumentException("not ASCII"); // modified UTF-8: leave it to Byte Buddy
            }
            chars[i] = c == '/' ? '.' : (char) c;
        }
        return new String(chars);
    }

    private static int entry(byte[] b, int[] entries, int index, int tag) {
        if (index <= 0 || index >= entries.length || entries[index] == 0 || b[entries[index]] != tag) {
            throw new IllegalArgumentException("constant " + index + " is not tag " + tag);
        }
        return entries[index];
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static int u4(byte[] b, int at) {
        return u2(b, at) << 16 | u2(b, at + 2);
    }
}
