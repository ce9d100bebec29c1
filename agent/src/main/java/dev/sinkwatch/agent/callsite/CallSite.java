package dev.sinkwatch.agent.callsite;

/** One code location: a class, method, source file name and line. Immutable. */
public final class CallSite {
    final int id;
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int line;

    CallSite(int id, String className, String methodName, String fileName, int line) {
        this.id = id;
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName == null ? "" : fileName;
        this.line = line;
    }

    public int id() {
        return id;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }

    /** {@code com.acme.Repo.find}, the semantic-convention {@code code.function.name}. */
    public String functionName() {
        return className + "." + methodName;
    }

    /** {@code com.acme.Repo.find(Repo.java:42)}, the form of a stack trace line. */
    public String frame() {
        return functionName() + "(" + (fileName.isEmpty() ? "Unknown Source" : fileName) + (line > 0 ? ":" + line : "") + ")";
    }

    @Override
    public String toString() {
        return frame();
    }
}
