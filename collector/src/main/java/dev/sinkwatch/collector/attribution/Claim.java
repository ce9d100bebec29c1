package dev.sinkwatch.collector.attribution;

/**
 * What one reader says about one line (or a commit's lines): AI with tool and model, or a known human.
 *
 * @param commit overrides the line's blame commit when the claim knows better (markers: the commit that added the
 *               begin marker); null to use the line's origin commit
 */
record Claim(Authorship authorship, String tool, String model, String source, double confidence, String commit) {

    // The confidence scale, most precise first (docs/attribution.md, "Confidence").
    static final double GIT_AI = 0.95;
    static final double AGENT_TRACE = 0.9;
    static final double AGENT_TRACE_MIXED = 0.6;
    static final double TRAILER_IDENTITY = 0.7;
    static final double TRAILER_TEXT = 0.6;
    static final double MARKER = 0.5;
    static final double HUMAN_BY_COMMIT = 0.6;

    static final String SRC_GIT_AI = "git-ai";
    static final String SRC_AGENT_TRACE = "agent-trace";
    static final String SRC_TRAILER = "trailer";
    static final String SRC_MARKER = "marker";
    static final String SRC_COMMIT = "commit";
    static final String SRC_NONE = "none";

    static Claim ai(String tool, String model, String source, double confidence) {
        return new Claim(Authorship.AI, tool, model, source, confidence, null);
    }

    static Claim human(String source, double confidence) {
        return new Claim(Authorship.HUMAN, null, null, source, confidence, null);
    }

    Claim withModel(String newModel) {
        return new Claim(authorship, tool, newModel, source, confidence, commit);
    }

    Claim withCommit(String newCommit) {
        return new Claim(authorship, tool, model, source, confidence, newCommit);
    }
}
