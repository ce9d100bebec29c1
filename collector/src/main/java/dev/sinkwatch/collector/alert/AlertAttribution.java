package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who wrote the code behind an alert's call site, as the attribution index knows it. Filled by the collector's
 * wiring (the attribution component) and carried as-is in the alert, its API JSON and every notification.
 *
 * @param attributionClass {@code ai}, {@code human} or {@code unknown}
 * @param tool             the AI tool, as the attribution index names it, e.g. {@code Claude Code}, {@code Cursor}, {@code GitHub Copilot}; null when not AI
 * @param model            the model, when the source of the claim names it
 * @param commit           the commit that introduced the lines
 * @param file             the source file as a repository path, e.g. {@code src/main/java/com/acme/OrderRepository.java}
 * @param startLine        first line of the attributed region, 0 when unknown
 * @param endLine          last line of the attributed region, 0 when unknown
 * @param note             free text: the source of the claim and its confidence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertAttribution(
        String attributionClass,
        String tool,
        String model,
        String commit,
        String file,
        int startLine,
        int endLine,
        String note) {

    public AlertAttribution {
        attributionClass = attributionClass == null || attributionClass.isBlank() ? "unknown" : attributionClass;
    }

    /** True when the region is attributed to an AI tool. */
    public boolean ai() {
        return "ai".equals(attributionClass);
    }

    /** One line for humans: {@code AI (Claude Code, claude-sonnet-4) in abc1234, src/.../Foo.java:40-48}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(switch (attributionClass) {
            case "ai" -> "AI";
            case "human" -> "human";
            default -> "unknown author";
        });
        if (tool != null || model != null) {
            text.append(" (");
            if (tool != null) {
                text.append(tool);
            }
            if (model != null) {
                text.append(tool != null ? ", " : "").append(model);
            }
            text.append(')');
        }
        if (commit != null) {
            text.append(" in ").append(commit.length() > 12 ? commit.substring(0, 12) : commit);
        }
        if (file != null) {
            text.append(", ").append(file);
            if (startLine > 0) {
                text.append(':').append(startLine);
                if (endLine > startLine) {
                    text.append('-').append(endLine);
                }
            }
        }
        if (note != null && !note.isBlank()) {
            text.append(" — ").append(note);
        }
        return text.toString();
    }
}
