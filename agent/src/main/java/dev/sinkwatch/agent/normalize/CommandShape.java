package dev.sinkwatch.agent.normalize;

import java.util.List;

/**
 * The shape of a command line: the executable as written, then one token per argument.
 *
 * <p>Argument rules, first match wins: {@code <url>} for anything containing {@code ://}; a flag
 * ({@code -x}, {@code --long}, {@code -la}) is kept, but the value of {@code --key=value} or {@code -Dkey=value}
 * becomes {@code <arg>} ({@code --key=<arg>}); {@code <num>} for a number ({@code 42}, {@code -1}, {@code 2.5});
 * {@code <path>} for anything starting with {@code /}, {@code ./}, {@code ../} or {@code ~} (and {@code .},
 * {@code ..}); {@code <arg>} for everything else, {@code null} included. When the executable is a shell
 * ({@code sh bash zsh dash ksh ash fish cmd powershell pwsh}, by base name, {@code .exe} ignored) the script
 * after {@code -c} (also clustered, {@code -lc}), {@code /c}, {@code /k} or {@code -Command} is shaped by
 * {@link ShellScript} (command words and operators kept, arguments folded) and written in double quotes:
 * {@code sh -c "cowsay ?; id"}; for {@code cmd} and PowerShell every argument after it is part of the script. A
 * flag with its value glued on ({@code -pSECRET}) cannot always be told from a flag cluster:
 * {@code -p} with anything after it, and a single-dash argument holding anything but letters, keep the flag letter
 * and fold the rest ({@code -p<arg>}, {@code -X<arg>}); letters only ({@code -la}, {@code -resize}) are kept. The
 * executable is kept as written except for personal data ({@code /home/?/bin/tool}, see {@link PersonalData}).
 *
 * <p>Stateless and thread-safe.
 */
public final class CommandShape {

    private CommandShape() {
    }

    /** The shape of {@code command}; the empty string for {@code null} or an empty list. */
    public static String of(List<String> command) {
        if (command == null || command.isEmpty()) {
            return "";
        }
        String executable = command.get(0) == null ? "" : command.get(0);
        StringBuilder out = new StringBuilder(executable.length() + 8 * command.size());
        PersonalData.appendFolded(out, executable, 0, executable.length(), false); // /home/?/bin/tool
        String name = baseName(executable).toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".exe")) {
            name = name.substring(0, name.length() - 4);
        }
        boolean posixShell = isPosixShell(name);
        boolean windowsShell = name.equals("cmd") || name.equals("powershell") || name.equals("pwsh");
        boolean scriptNext = false;
        boolean operandSeen = false; // sh FILE ARGS...: after the script file, every argument is the script's
        int size = command.size();
        for (int i = 1; i < size; i++) {
            String arg = command.get(i);
            out.append(' ');
            if (scriptNext) {
                if (windowsShell) {
                    appendScript(out, String.join(" ", command.subList(i, size)), // the rest of the line
                            name.equals("cmd") ? ShellScript.Dialect.CMD : ShellScript.Dialect.POWERSHELL);
                    break;
                }
                appendScript(out, arg, ShellScript.Dialect.POSIX);
                scriptNext = false;
                operandSeen = true; // sh -c SCRIPT NAME ARGS...: the rest are the script's $0, $1, ...
                continue;
            }
            if (arg != null && !operandSeen && isScriptFlag(arg, posixShell, windowsShell, name)) {
                if (posixShell) {
                    appendArgument(out, arg); // -c, -lc as written; a value glued to -p folds even here
                } else {
                    out.append(arg); // one of a Windows shell's fixed script flags
                }
                scriptNext = true;
                continue;
            }
            operandSeen |= posixShell && isOperand(arg);
            appendArgument(out, arg);
        }
        return out.toString();
    }

    /** The script's shape in double quotes, so a reader sees where it ends: {@code sh -c "cowsay ?"}. */
    private static void appendScript(StringBuilder out, String script, ShellScript.Dialect dialect) {
        out.append('"');
        ShellScript.append(script, dialect, out);
        out.append('"');
    }

    /** The index of a shell's script argument ({@code 2} in {@code sh -c <script>}), or -1 when none. */
    public static int scriptIndex(List<String> command) {
        if (command == null || command.isEmpty() || command.get(0) == null) {
            return -1;
        }
        String name = baseName(command.get(0)).toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".exe")) {
            name = name.substring(0, name.length() - 4);
        }
        boolean posixShell = isPosixShell(name);
        boolean windowsShell = name.equals("cmd") || name.equals("powershell") || name.equals("pwsh");
        for (int i = 1; i + 1 < command.size(); i++) {
            String arg = command.get(i);
            if (arg != null && isScriptFlag(arg, posixShell, windowsShell, name)) {
                return i + 1;
            }
            if (posixShell && isOperand(arg)) {
                return -1; // sh FILE ARGS...: a -c after the script file is the script's argument
            }
        }
        return -1;
    }

    /** The base name of the executable: {@code /usr/bin/curl} &rarr; {@code curl}; empty when there is none. */
    public static String executableName(List<String> command) {
        if (command == null || command.isEmpty() || command.get(0) == null) {
            return "";
        }
        return baseName(command.get(0));
    }

    private static String baseName(String path) {
        int end = path.length();
        while (end > 1 && (path.charAt(end - 1) == '/' || path.charAt(end - 1) == '\\')) {
            end--;
        }
        int slash = Math.max(path.lastIndexOf('/', end - 1), path.lastIndexOf('\\', end - 1));
        return path.substring(slash + 1, end);
    }

    private static boolean isPosixShell(String name) {
        switch (name) {
            case "sh":
            case "bash":
            case "zsh":
            case "dash":
            case "ksh":
            case "ash":
            case "fish":
                return true;
            default:
                return false;
        }
    }

    /** A POSIX shell's first operand (not an option): its script file, or {@code --} that ends the options. */
    private static boolean isOperand(String arg) {
        return arg == null || arg.isEmpty() || arg.equals("--") || (arg.charAt(0) != '-' && arg.charAt(0) != '+');
    }

    private static boolean isScriptFlag(String arg, boolean posixShell, boolean windowsShell, String name) {
        if (posixShell) {
            // -c, or a cluster of distinct single-letter options holding c: -lc, -ec, -xc (a shell has a few dozen)
            if (arg.length() < 2 || arg.length() > 8 || arg.charAt(0) != '-' || arg.charAt(1) == '-') {
                return false;
            }
            boolean hasC = false;
            for (int k = 1; k < arg.length(); k++) {
                char c = arg.charAt(k);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || arg.indexOf(c, k + 1) > 0) {
                    return false;
                }
                hasC |= c == 'c';
            }
            return hasC;
        }
        if (windowsShell) {
            if (name.equals("cmd")) {
                return arg.equalsIgnoreCase("/c") || arg.equalsIgnoreCase("/k");
            }
            return arg.equalsIgnoreCase("-c") || arg.equalsIgnoreCase("-command")
                    || arg.equalsIgnoreCase("-encodedcommand") || arg.equalsIgnoreCase("-e")
                    || arg.equalsIgnoreCase("-ec");
        }
        return false;
    }

    private static void appendArgument(StringBuilder out, String arg) {
        if (arg == null || arg.isEmpty()) {
            out.append("<arg>");
        } else if (arg.contains("://")) {
            out.append("<url>");
        } else if (isNumber(arg)) {
            out.append("<num>");
        } else if (arg.charAt(0) == '-' && arg.length() > 1) {
            int eq = arg.indexOf('=');
            if (arg.charAt(1) == 'p' && arg.length() > 2) {
                out.append("-p<arg>"); // mysql -pSECRET, even with an '=' in it
            } else if (eq > 0 && isOptionName(arg, eq)) {
                out.append(arg, 0, eq).append("=<arg>");
            } else if (eq > 0) {
                out.append(arg, 0, 2).append("<arg>");
            } else if (isGluedValue(arg)) {
                out.append(arg, 0, 2).append("<arg>"); // -pSECRET: the value glued to its flag
            } else {
                out.append(arg);
            }
        } else if (isPath(arg)) {
            out.append("<path>");
        } else {
            out.append("<arg>");
        }
    }

    /**
     * A single-dash argument that may carry a value glued to its flag: {@code -p} followed by anything (the
     * password of {@code mysql -pSECRET}, {@code sshpass -pSECRET}), or any single-dash argument holding a
     * character other than an ASCII letter after its flag letter ({@code -u1000}, {@code -Xmx512m}). Letters only
     * ({@code -la}, {@code -resize}, {@code -NoProfile}) read as a flag cluster or a long option and are kept.
     */
    static boolean isGluedValue(String arg) {
        char flag = arg.charAt(1);
        if (flag == '-') {
            return false;
        }
        if (flag == 'p' && arg.length() > 2) {
            return true;
        }
        for (int k = 2; k < arg.length(); k++) {
            char c = arg.charAt(k);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return true;
            }
        }
        return false;
    }

    /** {@code arg[0, end)} is an option name: {@code -}, then letters, digits, {@code . _ - :} only. */
    private static boolean isOptionName(String arg, int end) {
        for (int k = 1; k < end; k++) {
            char c = arg.charAt(k);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPath(String arg) {
        char c = arg.charAt(0);
        return c == '/' || c == '~' || arg.equals(".") || arg.equals("..")
                || arg.startsWith("./") || arg.startsWith("../");
    }

    /** Optional sign, digits, optional fraction: {@code 42}, {@code -1}, {@code +3}, {@code 2.5}, {@code .5}. */
    private static boolean isNumber(String arg) {
        int i = 0;
        int n = arg.length();
        if (arg.charAt(0) == '-' || arg.charAt(0) == '+') {
            i++;
        }
        boolean digits = false;
        boolean dot = false;
        for (; i < n; i++) {
            char c = arg.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits;
    }
}
