package dev.sinkwatch.collector.attribution;

import java.util.Locale;

/** Who wrote a line, as far as the repository's history can tell. */
public enum Authorship {
    /** An AI claim (note, trace, trailer or marker) covers the line. */
    AI,
    /** The line was last written by a commit with a human identity and no AI claim covers it. */
    HUMAN,
    /** No information: shallow-clone boundary, non-AI bot author, or a file outside the index. Never read as human. */
    UNKNOWN;

    /** The JSON and API spelling: {@code ai}, {@code human}, {@code unknown}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Authorship fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
