package dev.sinkwatch.agent.normalize;

/**
 * The shape of a shell script (the text after {@code sh -c}, {@code cmd /c}, {@code pwsh -Command}), built the way
 * a SQL fingerprint is: the structure stays, the values are folded, so a script that gains a command or an operator
 * gets a new shape while the same script with other arguments keeps its own.
 *
 * <p>Kept: command words (the first word of each simple command, as written: {@code cowsay}, {@code /usr/bin/id},
 * {@code $CMD}), reserved words in command position ({@code if then else fi for while do done case esac}), flags
 * ({@code -la}; the value of {@code --key=value} folds: {@code --key=?}), operators ({@code ;} {@code &&} {@code ||}
 * {@code |} {@code &} {@code ( )} {@code { }}), redirections ({@code >} {@code >>} {@code <} {@code 2>&1} ...),
 * command substitutions ({@code $(...)} and backticks, shaped recursively and both written {@code $(...)}), and a
 * comment as {@code #?}. A newline is a {@code ;}. Folded to {@code ?}: every other word (arguments, redirection
 * targets, the value of {@code NAME=value} written {@code NAME=?}) and arithmetic {@code $((...))}. Quoting is
 * honoured: a quoted {@code ;} or {@code $(id)} inside single quotes is part of an argument; inside double quotes
 * a command substitution still runs, so it is kept.
 *
 * <p>Examples: {@code cowsay 'hello'} &rarr; {@code cowsay ?}; {@code cowsay 'x'; id; echo ''} &rarr;
 * {@code cowsay ?; id; echo ?}; {@code ls -la "$(id)" > /tmp/out 2>&1} &rarr; {@code ls -la $(id) > ? 2>&1}.
 *
 * <p>Dialects: POSIX shells; {@code cmd} ({@code ^} escapes, only double quotes, {@code %VAR%} is part of a word);
 * PowerShell (backtick escapes, {@code $(...)} substitutions). Linear in the script's length; scripts over
 * {@link #MAX_CHARS} are shaped up to there and end with {@code …}. Stateless and thread-safe.
 */
public final class ShellScript {

    /** Longest script shaped; the rest is summarised as {@code …} (bounded time and output, as a SQL lexer's cap). */
    public static final int MAX_CHARS = 8192;
    /** Deepest nesting of substitutions and groups followed; deeper text is folded into its word. */
    private static final int MAX_DEPTH = 16;

    /** How a shell reads its script. */
    public enum Dialect {
        POSIX, CMD, POWERSHELL
    }

    private final String text;
    private final int end;
    private final Dialect dialect;
    private final StringBuilder out;
    private int pos;
    /** The next word starts a simple command. */
    private boolean commandPosition = true;
    /** The next word is the target of a redirection. */
    private boolean redirectTarget;

    private ShellScript(String text, Dialect dialect, StringBuilder out) {
        this.text = text;
        this.end = Math.min(text.length(), MAX_CHARS);
        this.dialect = dialect;
        this.out = out;
    }

    /** The shape of {@code script}; empty for {@code null}. */
    public static String shape(String script, Dialect dialect) {
        if (script == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(64, script.length()));
        ShellScript s = new ShellScript(script, dialect, out);
        s.sequence((char) 0, 0);
        if (script.length() > MAX_CHARS) {
            s.token("…");
        }
        return out.toString();
    }

    /** Appends the shape of {@code script} ({@code null} reads as empty) to {@code out}. */
    public static void append(String script, Dialect dialect, StringBuilder out) {
        out.append(shape(script, dialect));
    }

    /** Shapes until {@code close} (a substitution's or group's end; 0 = the end of the text) at this level. */
    private void sequence(char close, int depth) {
        while (pos < end) {
            char c = text.charAt(pos);
            if (close != 0 && c == close) {
                return;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                operator(";");
            } else if (c == '#' && dialect != Dialect.CMD) {
                while (pos < end && text.charAt(pos) != '\n') {
                    pos++;
                }
                token("#?");
            } else if (!operatorAt(c, depth)) {
                word(close, depth);
            }
        }
    }

    /** Reads an operator or a redirection at {@code pos}; false when a word starts there. */
    private boolean operatorAt(char c, int depth) {
        char next = pos + 1 < end ? text.charAt(pos + 1) : (char) 0;
        switch (c) {
            case ';':
                pos += next == ';' ? 2 : 1;
                operator(next == ';' ? ";;" : ";");
                return true;
            case '&':
                pos += next == '&' ? 2 : 1;
                if (next == '>' && dialect == Dialect.POSIX) { // &> file
                    pos++;
                    redirection("&>");
                } else {
                    operator(next == '&' ? "&&" : "&");
                }
                return true;
            case '|':
                pos += next == '|' ? 2 : 1;
                operator(next == '|' ? "||" : "|");
                return true;
            case '(':
                pos++;
                group("(", ')', depth);
                return true;
            case ')':
                pos++; // unbalanced: an injected close is structure too
                operator(")");
                return true;
            case '<':
            case '>':
                redirectionAt(c, next, (char) 0);
                return true;
            default:
                if (c >= '0' && c <= '9' && (next == '>' || next == '<') && wordEndsBefore()) {
                    pos++;
                    redirectionAt(next, pos + 1 < end ? text.charAt(pos + 1) : (char) 0, c);
                    return true;
                }
                return false;
        }
    }

    /** A file-descriptor digit is a redirection's only when it stands alone ({@code 2>}, not {@code a2>}). */
    private boolean wordEndsBefore() {
        return pos == 0 || " \t\n;&|()".indexOf(text.charAt(pos - 1)) >= 0;
    }

    private void redirectionAt(char c, char next, char fd) {
        StringBuilder op = new StringBuilder(4);
        if (fd != 0) {
            op.append(fd);
        }
        op.append(c);
        pos++;
        if (next == c || (c == '>' && next == '|')) {
            op.append(next);
            pos++;
        }
        if (pos < end && text.charAt(pos) == '&') { // 2>&1, >&2
            op.append('&');
            pos++;
            int digits = pos;
            while (pos < end && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
                pos++;
            }
            op.append(text, digits, pos);
            token(op.toString());
            return;
        }
        redirection(op.toString());
    }

    private void redirection(String op) {
        token(op);
        redirectTarget = true;
    }

    private void operator(String op) {
        if (op.equals(";") || op.equals(";;")) {
            out.append(op); // a terminator reads best glued to what it ends: "cowsay ?; id"
        } else {
            token(op);
        }
        commandPosition = true;
        redirectTarget = false;
    }

    private void group(String open, char close, int depth) {
        token(open);
        commandPosition = true;
        nestedSequence(close, depth);
        token(String.valueOf(close));
        commandPosition = false;
    }

    /** {@code $(...)} or a backtick pair: a script of its own inside the current word. */
    private void substitution(char close, int depth) {
        boolean wasCommand = commandPosition;
        boolean wasRedirect = redirectTarget;
        token("$(");
        commandPosition = true;
        redirectTarget = false;
        nestedSequence(close, depth);
        out.append(')');
        commandPosition = wasCommand;
        redirectTarget = wasRedirect;
    }

    /** Shapes a nested script up to {@code close} and steps over it (past {@link #MAX_DEPTH}, skips it). */
    private void nestedSequence(char close, int depth) {
        if (depth < MAX_DEPTH) {
            sequence(close, depth + 1);
        } else {
            skipTo(close);
        }
        if (pos < end) {
            pos++;
        }
    }

    private void skipTo(char close) {
        while (pos < end && text.charAt(pos) != close) {
            pos++;
        }
    }

    /** One word, quotes and escapes included; command substitutions inside it are shaped after it. */
    private void word(char close, int depth) {
        int start = pos;
        StringBuilder substitutions = null;
        boolean plain = true; // no quoting or expansion: a command word may be kept as written
        while (pos < end) {
            char c = text.charAt(pos);
            if (isWordEnd(c) || (close != 0 && c == close)) {
                break;
            }
            if (c == '\'' && dialect != Dialect.CMD) {
                plain = false;
                pos = closing('\'', pos + 1) + 1;
            } else if (c == '"') {
                plain = false;
                substitutions = doubleQuoted(depth, substitutions);
            } else if (c == escape()) {
                plain = false;
                pos += 2;
            } else if (c == '$' && pos + 1 < end && text.charAt(pos + 1) == '(' && dialect != Dialect.CMD) {
                plain = false;
                substitutions = nested(depth, substitutions);
            } else if (c == '`' && dialect == Dialect.POSIX) {
                plain = false;
                substitutions = nested(depth, substitutions);
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, end);
        emitWord(text.substring(start, pos), plain);
        if (substitutions != null) {
            out.append(substitutions);
        }
    }

    private boolean isWordEnd(char c) {
        switch (c) {
            case ' ':
            case '\t':
            case '\r':
            case '\n':
            case ';':
            case '&':
            case '|':
            case '<':
            case '>':
            case ')':
                return true;
            case '(':
                return true;
            default:
                return false;
        }
    }

    private char escape() {
        return dialect == Dialect.POSIX ? '\\' : dialect == Dialect.CMD ? '^' : '`';
    }

    /** The index of the closing {@code quote} from {@code from}, or the end (an unterminated quote runs on). */
    private int closing(char quote, int from) {
        int i = from;
        while (i < end && text.charAt(i) != quote) {
            i++;
        }
        return Math.min(i, end);
    }

    /** A double-quoted part at {@code pos}: substitutions inside it run, so they are shaped. */
    private StringBuilder doubleQuoted(int depth, StringBuilder substitutions) {
        pos++;
        while (pos < end && text.charAt(pos) != '"') {
            char c = text.charAt(pos);
            if (c == escape() && dialect != Dialect.CMD) {
                pos += 2;
            } else if ((c == '$' && pos + 1 < end && text.charAt(pos + 1) == '(' && dialect != Dialect.CMD)
                    || (c == '`' && dialect == Dialect.POSIX)) {
                substitutions = nested(depth, substitutions);
            } else {
                pos++;
            }
        }
        pos++;
        return substitutions;
    }

    /** Shapes the substitution at {@code pos} into its own buffer (it is written after the word holding it). */
    private StringBuilder nested(int depth, StringBuilder substitutions) {
        if (text.startsWith("$((", pos)) { // arithmetic: a value
            int close = text.indexOf("))", pos + 3);
            pos = close < 0 || close >= end ? end : close + 2;
            return substitutions;
        }
        char close = text.charAt(pos) == '`' ? '`' : ')';
        pos += close == '`' ? 1 : 2;
        StringBuilder sub = new StringBuilder(" ");
        ShellScript inner = new ShellScript(text, dialect, sub);
        inner.pos = pos;
        if (depth < MAX_DEPTH) {
            inner.substitution(close, depth + 1);
        } else {
            inner.skipTo(close);
            inner.pos++;
            sub.append("$(?)");
        }
        pos = inner.pos;
        StringBuilder all = substitutions == null ? new StringBuilder() : substitutions;
        return all.append(sub);
    }

    private void emitWord(String word, boolean plain) {
        if (redirectTarget) {
            token("?");
            redirectTarget = false;
            return;
        }
        int eq = word.indexOf('=');
        if (commandPosition) {
            if (plain && eq > 0 && isName(word, eq)) { // NAME=value before the command
                token(commandWord(word.substring(0, eq)) + "=?");
                return;
            }
            commandPosition = false;
            // A command name neither starts with '-' nor holds '=' (-pSECRET, --password=x there are values) and
            // is kept as written but for personal data (/home/?/bin/tool) and parts that read as no name.
            token(!plain || word.length() > 64 || word.charAt(0) == '-' ? "?"
                    : commandWord(PersonalData.fold(eq > 0 ? word.substring(0, eq) : word)) + (eq > 0 ? "=?" : ""));
            if (isKeyword(word)) {
                commandPosition = !word.equals("fi") && !word.equals("done") && !word.equals("esac")
                        && !word.equals("}");
            }
            return;
        }
        if (plain && word.length() > 1 && word.charAt(0) == '-' && !isNumber(word)) {
            // as in a command's arguments: -x=?, and a value glued to its flag folds (-pSECRET, -u1000: -p?, -u?)
            token(eq > 0 ? word.substring(0, eq + 1) + "?" : CommandShape.isGluedValue(word) ? word.substring(0, 2) + "?"
                    : word.length() <= 32 ? word : "?");
            return;
        }
        token("?");
    }

    /**
     * A command word with each path segment that does not read as a command or directory name folded to {@code ?}:
     * names are written in one case ({@code cowsay}, {@code apt-get}, {@code python3}, {@code $CMD}, {@code DIR});
     * a mixed-case segment ({@code Temurin-17}, or a secret passed as a whole script, {@code sh -c s3cr3T}) folds,
     * but for PowerShell's {@code Verb-Noun} commands. A one-case secret alone as a script stays: it is what the
     * shell runs as a command, as {@code id} would be.
     */
    private String commandWord(String word) {
        StringBuilder shaped = null;
        int start = 0;
        for (int i = 0; i <= word.length(); i++) {
            if (i == word.length() || word.charAt(i) == '/' || word.charAt(i) == '\\') {
                if (!readsAsName(word, start, i)) {
                    if (shaped == null) {
                        shaped = new StringBuilder(word.length()).append(word, 0, start);
                    }
                    shaped.append('?');
                } else if (shaped != null) {
                    shaped.append(word, start, i);
                }
                if (shaped != null && i < word.length()) {
                    shaped.append(word.charAt(i));
                }
                start = i + 1;
            }
        }
        return shaped == null ? word : shaped.toString();
    }

    private boolean readsAsName(String word, int from, int to) {
        boolean lower = false;
        boolean upper = false;
        for (int i = from; i < to; i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (!((c >= '0' && c <= '9') || "._-+$%{}~:?".indexOf(c) >= 0)) {
                return false;
            }
        }
        return !(lower && upper) || (dialect == Dialect.POWERSHELL && isVerbNoun(word, from, to));
    }

    /** {@code Get-ChildItem}: a capitalised verb, a dash, a capitalised noun of letters. */
    private static boolean isVerbNoun(String word, int from, int to) {
        int dash = word.indexOf('-', from);
        if (dash <= from || dash >= to - 1 || !Character.isUpperCase(word.charAt(from))
                || !Character.isUpperCase(word.charAt(dash + 1))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (i != dash && !Character.isLetter(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isName(String word, int length) {
        for (int i = 0; i < length; i++) {
            char c = word.charAt(i);
            if (!(c == '_' || Character.isLetter(c) || (i > 0 && Character.isDigit(c)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String word) {
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(Character.isDigit(c) || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKeyword(String word) {
        switch (word) {
            case "if":
            case "then":
            case "else":
            case "elif":
            case "fi":
            case "while":
            case "until":
            case "do":
            case "done":
            case "!":
            case "{":
            case "}":
            case "time":
            case "esac":
                return true;
            default:
                return false;
        }
    }

    private void token(String t) {
        char last = out.length() == 0 ? ' ' : out.charAt(out.length() - 1);
        if (last != ' ' && last != '(' && !t.equals(")")) {
            out.append(' ');
        }
        out.append(t);
    }
}
