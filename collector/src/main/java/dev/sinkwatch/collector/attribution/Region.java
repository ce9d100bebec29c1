package dev.sinkwatch.collector.attribution;

import java.util.Objects;

/**
 * A run of lines of one source file, at the index's commit, with one authorship.
 *
 * @param path       repository path of the file, {@code /}-separated
 * @param startLine  first line, 1-based, inclusive
 * @param endLine    last line, inclusive
 * @param authorship {@link Authorship#AI}, {@link Authorship#HUMAN} or {@link Authorship#UNKNOWN}
 * @param tool       AI tool ("Claude Code", "GitHub Copilot"...); null unless AI
 * @param model      model when the claim names one ("claude-sonnet-4-5"); null when unknown
 * @param commit     the commit that last wrote these lines (40 hex); null when unknown
 * @param author     that commit's author, {@code Name <email>}; null when unknown
 * @param source     which reader made the claim: {@code git-ai}, {@code agent-trace}, {@code trailer},
 *                   {@code marker}; {@code commit} for human-by-identity; {@code none} for unknown
 * @param confidence 0..1; see docs/attribution.md for the scale
 * @param summary    the commit message's first line (the PR title for squash merges); may be null
 */
public record Region(String path, int startLine, int endLine, Authorship authorship, String tool, String model,
                     String commit, String author, String source, double confidence, String summary) {
    public Region {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(authorship, "authorship");
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad range " + startLine + "-" + endLine + " in " + path);
        }
    }

    public boolean contains(int line) {
        return line >= startLine && line <= endLine;
    }

    /** {@code OrderRepository.java:38-55 ai Claude Code (claude-sonnet-4-5) 3f2a1b2}, for logs and alert text. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(path).append(':').append(startLine);
        if (endLine != startLine) {
            sb.append('-').append(endLine);
        }
        sb.append(' ').append(authorship.label());
        if (tool != null) {
            sb.append(' ').append(tool);
        }
        if (model != null) {
            sb.append(" (").append(model).append(')');
        }
        if (commit != null) {
            sb.append(' ').append(commit, 0, Math.min(10, commit.length()));
        }
        return sb.toString();
    }
}
