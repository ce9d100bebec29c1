package dev.sinkwatch.collector.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reader 1: git-ai authorship logs, one git note per commit on {@code refs/notes/ai}
 * (Git AI Standard, schema {@code authorship/3.0.0}):
 * <pre>
 * src/main/java/com/acme/Foo.java          file path at column 0, "quoted" if it has spaces
 *   s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15   AI session key (looked up in "sessions")
 *   h_31dce776f88375 25-30                    known human (looked up in "humans")
 *   abcd1234abcd1234 40-45                    legacy prompt key, 16 (or 7) hex (looked up in "prompts")
 * ---
 * {"schema_version":"authorship/3.0.0","base_commit_sha":"...","prompts":{...},"sessions":{...},"humans":{...}}
 * </pre>
 * Line numbers are those of the file at the noted commit, which is exactly the origin the history walk gives each
 * line, so no extra mapping is needed. Lines a note does not list are "untracked" in git-ai's words: no claim.
 *
 * <p>Concurrency: not thread-safe (a parse cache); used by the single index-building thread.
 */
final class GitAiNotes {
    static final String DEFAULT_REF = "refs/notes/ai";

    private final ObjectReader reader;
    private final NoteMap notes;
    private final Map<ObjectId, NoteLog> cache = new HashMap<>();
    /** Thread-safe once configured (Jackson's contract); shared by all parses. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> warnings = new ArrayList<>();
    private int notesRead;

    private GitAiNotes(ObjectReader reader, NoteMap notes) {
        this.reader = reader;
        this.notes = notes;
    }

    /** The notes on {@code ref}, or null when the repository has no such ref (never fetched, or git-ai not used). */
    static GitAiNotes open(Repository repo, ObjectReader reader, String ref) throws IOException {
        Ref r = repo.exactRef(ref);
        if (r == null || r.getObjectId() == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(reader)) {
            return new GitAiNotes(reader, NoteMap.read(reader, walk.parseCommit(r.getObjectId())));
        }
    }

    /** The claim the note on {@code commit} makes for line {@code line} of {@code path} at that commit, or null. */
    Claim claim(AnyObjectId commit, String path, int line) throws IOException {
        NoteLog log = log(commit);
        if (log == null) {
            return null;
        }
        List<Attestation> atts = log.files.get(path);
        if (atts == null) {
            return null;
        }
        for (Attestation a : atts) {
            if (a.ranges.contains(line)) {
                return log.claims.get(a.key);
            }
        }
        return null;
    }

    boolean hasNote(AnyObjectId commit) throws IOException {
        return log(commit) != null;
    }

    int notesRead() {
        return notesRead;
    }

    List<String> warnings() {
        return warnings;
    }

    private NoteLog log(AnyObjectId commit) throws IOException {
        ObjectId id = commit.copy();
        if (cache.containsKey(id)) {
            return cache.get(id);
        }
        NoteLog log = null;
        Note note = notes.getNote(id);
        if (note != null) {
            String text = new String(reader.open(note.getData()).getCachedBytes(Integer.MAX_VALUE),
                    StandardCharsets.UTF_8);
            try {
                log = parse(text);
                notesRead++;
            } catch (RuntimeException e) {
                warnings.add("git-ai note on " + id.name() + " ignored: " + e.getMessage());
            }
        }
        cache.put(id, log);
        return log;
    }

    /** One parsed note: attestations per path, and the claim each attestation key stands for. */
    record NoteLog(Map<String, List<Attestation>> files, Map<String, Claim> claims, String schemaVersion,
                   String baseCommit) {
    }

    record Attestation(String key, LineRanges ranges) {
    }

    /** Parses one note; {@link IllegalArgumentException} says what is malformed. Package-private for tests. */
    static NoteLog parse(String text) {
        String[] lines = text.split("\\R", -1);
        Map<String, List<Attestation>> files = new LinkedHashMap<>();
        String currentPath = null;
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("---")) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                currentPath = unquote(line.strip());
                files.computeIfAbsent(currentPath, k -> new ArrayList<>());
                continue;
            }
            if (currentPath == null) {
                throw new IllegalArgumentException("attestation line before any file path: '" + line + "'");
            }
            String entry = line.strip();
            int sp = entry.lastIndexOf(' ');
            if (sp < 0) {
                throw new IllegalArgumentException("attestation line without ranges: '" + line + "'");
            }
            files.get(currentPath).add(new Attestation(entry.substring(0, sp).strip(),
                    LineRanges.parse(entry.substring(sp + 1))));
        }
        if (i >= lines.length) {
            throw new IllegalArgumentException("no '---' divider");
        }
        StringBuilder meta = new StringBuilder();
        for (int j = i + 1; j < lines.length; j++) {
            meta.append(lines[j]).append('\n');
        }
        JsonNode root;
        try {
            root = JSON.readTree(meta.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("metadata is not a JSON object");
        }
        String schema = root.path("schema_version").asText("");
        if (!schema.startsWith("authorship/3.")) {
            throw new IllegalArgumentException("unsupported schema_version '" + schema + "' (reads authorship/3.x)");
        }
        Map<String, Claim> claims = new HashMap<>();
        for (List<Attestation> atts : files.values()) {
            for (Attestation a : atts) {
                claims.computeIfAbsent(a.key, k -> claimFor(k, root));
            }
        }
        return new NoteLog(files, claims, schema, root.path("base_commit_sha").asText(null));
    }

    private static Claim claimFor(String key, JsonNode root) {
        if (key.startsWith("h_")) {
            return Claim.human(Claim.SRC_GIT_AI, Claim.GIT_AI);
        }
        JsonNode record;
        if (key.startsWith("s_")) {
            int sep = key.indexOf("::");
            record = root.path("sessions").path(sep < 0 ? key : key.substring(0, sep));
        } else {
            record = root.path("prompts").path(key);
        }
        JsonNode agent = record.path("agent_id");
        String tool = ToolCatalog.normalizeTool(agent.path("tool").asText(null));
        String model = ToolCatalog.cleanModel(agent.path("model").asText(null));
        // A key without metadata is still an AI attestation; the tool is then unknown.
        return Claim.ai(tool, model, Claim.SRC_GIT_AI, Claim.GIT_AI);
    }

    private static String unquote(String path) {
        if (path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"")) {
            return path.substring(1, path.length() - 1);
        }
        return path;
    }
}
