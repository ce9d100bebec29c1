package dev.sinkwatch.agent.normalize;

/**
 * The output side of {@link SqlFingerprint}: appends tokens with single spaces and collapses {@code IN (?, ?)} to
 * {@code IN (?)} and the rows after the first of {@code VALUES (..), (..)}, as the tokens arrive.
 *
 * <p>One use only, one thread.
 */
final class SqlShapeWriter {
    private static final int WORD_OTHER = 0;
    private static final int WORD_IN = 1;
    private static final int WORD_VALUES = 2;

    // VALUES row collapsing states
    private static final int V_NONE = 0;
    private static final int V_AFTER_KEYWORD = 1;   // saw VALUES, expecting '('
    private static final int V_FIRST_ROW = 2;       // inside the first row
    private static final int V_AFTER_ROW = 3;       // a row closed, expecting ',' or the end of the list
    private static final int V_AFTER_COMMA = 4;     // ',' after a row, expecting '('
    private static final int V_LATER_ROW = 5;       // inside a later row: dropped when it closes

    private final StringBuilder out;
    private boolean pendingSpace;

    private boolean lastWasIn;
    private int inGroupStart = -1; // output index just after "IN (", or -1
    private int inGroupPlaceholders;

    private int valuesState = V_NONE;
    private int valuesDepth;
    private int valuesMark;       // output length just after the first row's ')'

    SqlShapeWriter(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /** Whitespace was seen: one space before the next token, if any. */
    void space() {
        pendingSpace = true;
    }

    /** Forget a pending space (a dropped trailing comment). */
    void dropSpace() {
        pendingSpace = false;
    }

    /** A token kept as written that is neither a word nor a bracket. */
    void token(CharSequence text) {
        begin();
        out.append(text);
        other();
    }

    void token(char c) {
        begin();
        out.append(c);
        other();
    }

    void token(String s, int from, int to) {
        begin();
        out.append(s, from, to);
        other();
    }

    /** A word ({@code s[from, to)}): a keyword or identifier, kept as written. */
    void word(String s, int from, int to) {
        begin();
        out.append(s, from, to);
        int len = to - from;
        int kind = WORD_OTHER;
        if (len == 2 && s.regionMatches(true, from, "IN", 0, 2)) {
            kind = WORD_IN;
        } else if ((len == 6 && s.regionMatches(true, from, "VALUES", 0, 6))
                || (len == 5 && s.regionMatches(true, from, "VALUE", 0, 5))) {
            kind = WORD_VALUES;
        }
        onWord(kind);
    }

    void open() {
        begin();
        out.append('(');
        onOpen();
    }

    void close() {
        begin();
        onClose();
    }

    void comma() {
        begin();
        out.append(',');
        onComma();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void begin() {
        if (pendingSpace && out.length() > 0) {
            out.append(' ');
        }
        pendingSpace = false;
    }

    /** A literal: {@code ?}. */
    void placeholder() {
        begin();
        out.append('?');
        if (inGroupStart >= 0) {
            inGroupPlaceholders++;
        }
        if (valuesState == V_AFTER_KEYWORD || valuesState == V_AFTER_ROW || valuesState == V_AFTER_COMMA) {
            valuesState = V_NONE;
        }
        lastWasIn = false;
    }

    private void onWord(int kind) {
        inGroupStart = -1;
        if (valuesState != V_FIRST_ROW && valuesState != V_LATER_ROW) {
            valuesState = kind == WORD_VALUES ? V_AFTER_KEYWORD : V_NONE;
        }
        lastWasIn = kind == WORD_IN;
    }

    private void other() {
        inGroupStart = -1;
        if (valuesState == V_AFTER_KEYWORD || valuesState == V_AFTER_ROW || valuesState == V_AFTER_COMMA) {
            valuesState = V_NONE;
        }
        lastWasIn = false;
    }

    private void onOpen() {
        if (lastWasIn) {
            inGroupStart = out.length();
            inGroupPlaceholders = 0;
        } else {
            inGroupStart = -1; // a nested '(' inside an IN list: not a plain list
        }
        lastWasIn = false;
        switch (valuesState) {
            case V_AFTER_KEYWORD:
                valuesState = V_FIRST_ROW;
                valuesDepth = 1;
                break;
            case V_AFTER_COMMA:
                valuesState = V_LATER_ROW;
                valuesDepth = 1;
                break;
            case V_FIRST_ROW:
            case V_LATER_ROW:
                valuesDepth++;
                break;
            default:
                valuesState = V_NONE;
        }
    }

    private void onComma() {
        lastWasIn = false;
        if (valuesState == V_AFTER_ROW) {
            valuesState = V_AFTER_COMMA;
        } else if (valuesState == V_AFTER_KEYWORD || valuesState == V_AFTER_COMMA) {
            valuesState = V_NONE;
        }
    }

    private void onClose() {
        if (inGroupStart >= 0 && inGroupPlaceholders > 0) {
            out.setLength(inGroupStart);
            out.append("?)");
        } else {
            out.append(')');
        }
        inGroupStart = -1;
        lastWasIn = false;
        if (valuesState == V_FIRST_ROW || valuesState == V_LATER_ROW) {
            if (--valuesDepth == 0) {
                if (valuesState == V_LATER_ROW) {
                    out.setLength(valuesMark);
                } else {
                    valuesMark = out.length();
                }
                valuesState = V_AFTER_ROW;
            }
        } else {
            valuesState = V_NONE;
        }
    }
}
