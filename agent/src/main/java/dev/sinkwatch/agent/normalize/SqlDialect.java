package dev.sinkwatch.agent.normalize;

/**
 * The lexical rules of a database's SQL that decide where a literal ends: which quotes open a string, whether
 * {@code \} escapes inside one, whether comments nest, which special quotings exist. Chosen from the JDBC URL's
 * system ({@link #of}); {@link #UNKNOWN} when the database is not known.
 *
 * <p>Where a setting of the server changes the rules ({@code standard_conforming_strings} on PostgreSQL,
 * {@code NO_BACKSLASH_ESCAPES} and {@code ANSI_QUOTES} on MySQL), the fingerprint must be safe under either value:
 * a {@code \} before a quote inside a string is then {@link Backslash#AMBIGUOUS} and the rest of the statement
 * folds to {@code ?}. {@link #UNKNOWN} takes, for every rule, the reading that folds the most, and where two
 * readings disagree on where a literal ends it folds the rest of the statement.
 */
public enum SqlDialect {
    //   plain '..'       E'..'            "..": a string  # comments  // comments  nested /* */     $$..$$       q'[..]'
    H2(Backslash.PLAIN, Backslash.PLAIN, false, false, true, Quoting.AMBIGUOUS, Quoting.ON, Quoting.OFF),
    POSTGRESQL(Backslash.AMBIGUOUS, Backslash.ESCAPE, false, false, false, Quoting.ON, Quoting.ON, Quoting.OFF),
    MYSQL(Backslash.AMBIGUOUS, Backslash.AMBIGUOUS, true, true, false, Quoting.OFF, Quoting.OFF, Quoting.OFF),
    SQLSERVER(Backslash.PLAIN, Backslash.PLAIN, true, false, false, Quoting.ON, Quoting.OFF, Quoting.OFF),
    ORACLE(Backslash.PLAIN, Backslash.PLAIN, false, false, false, Quoting.OFF, Quoting.OFF, Quoting.ON),
    UNKNOWN(Backslash.AMBIGUOUS, Backslash.AMBIGUOUS, true, true, true, Quoting.AMBIGUOUS, Quoting.AMBIGUOUS,
            Quoting.AMBIGUOUS);

    /** What {@code \} means inside a string. */
    enum Backslash {
        /** An ordinary character ({@code 'C:\'} is a whole string). */
        PLAIN,
        /** Escapes the next character. */
        ESCAPE,
        /** Depends on a server setting: read as an escape, and a {@code \'} folds the rest of the statement. */
        AMBIGUOUS
    }

    /** Whether a special quoting ({@code $tag$..$tag$}, Oracle's {@code q'[..]'}) or comment nesting exists. */
    enum Quoting {
        ON,
        OFF,
        /** Maybe: its opening (a {@code /*} inside a comment) folds the rest of the statement. */
        AMBIGUOUS
    }

    final Backslash plainStrings;
    final Backslash escapeStrings;
    /**
     * MySQL reads {@code ".."} as a string unless {@code ANSI_QUOTES} is on, SQL Server when
     * {@code QUOTED_IDENTIFIER} is off: folded like one.
     */
    final boolean doubleQuotedStrings;
    /** {@code #} opens a comment anywhere outside a literal (MySQL), even without a following space. */
    final boolean hashComments;
    /** H2 reads {@code //} as a line comment. */
    final boolean slashComments;
    /** {@code /* /* *}{@code / *}{@code /} nests (PostgreSQL, SQL Server); H2 and the unknown dialect: maybe. */
    final Quoting nestedComments;
    final Quoting dollarQuotes;
    final Quoting qQuotes;

    SqlDialect(Backslash plainStrings, Backslash escapeStrings, boolean doubleQuotedStrings, boolean hashComments,
               boolean slashComments, Quoting nestedComments, Quoting dollarQuotes, Quoting qQuotes) {
        this.plainStrings = plainStrings;
        this.escapeStrings = escapeStrings;
        this.doubleQuotedStrings = doubleQuotedStrings;
        this.hashComments = hashComments;
        this.slashComments = slashComments;
        this.nestedComments = nestedComments;
        this.dollarQuotes = dollarQuotes;
        this.qQuotes = qQuotes;
    }

    /** The dialect of a {@link JdbcUrl#system()}; {@link #UNKNOWN} for {@code null} or any other system. */
    public static SqlDialect of(String system) {
        if (system == null) {
            return UNKNOWN;
        }
        switch (system) {
            case "h2":
                return H2;
            case "postgresql":
            case "pgsql":
                return POSTGRESQL;
            case "mysql":
            case "mariadb":
                return MYSQL;
            case "sqlserver":
                return SQLSERVER;
            case "oracle":
                return ORACLE;
            default:
                return UNKNOWN;
        }
    }
}
