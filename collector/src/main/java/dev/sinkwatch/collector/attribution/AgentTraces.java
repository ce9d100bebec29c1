package dev.sinkwatch.collector.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reader 2: Agent Trace records ({@code .agent-trace/traces.jsonl} in the indexed tree, one JSON record a line):
 * <pre>
 * {"version":"0.1.0","id":"…","timestamp":"…","vcs":{"type":"git","revision":"&lt;sha&gt;"},
 *  "tool":{"name":"cursor","version":"…"},
 *  "files":[{"path":"src/…/Foo.java","conversations":[{"url":"…",
 *     "contributor":{"type":"ai","model_id":"anthropic/claude-sonnet-4-5"},
 *     "ranges":[{"start_line":3,"end_line":9,"contributor":{…optional override…}}]}]}]}
 * </pre>
 * A record's ranges describe the file as the agent left it. The recorded revision is usually the parent of the
 * commit that holds those lines (the agent's HEAD while it worked), sometimes that commit itself (trace written
 * after committing). So a line whose origin is commit C at line n matches a record whose revision is a parent of
 * C, or C itself when no child of C changed the file, and whose range holds n.
 * Contributor {@code ai} is an AI claim, {@code mixed} a weaker one, {@code human} a human claim, {@code unknown}
 * none. Later records override earlier ones for the same lines.
 */
final class AgentTraces {
    static final String PATH = ".agent-trace/traces.jsonl";

    private final Map<ObjectId, Map<String, List<TracedRange>>> byRevision = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int records;

    record TracedRange(int start, int end, Claim claim) {
    }

    private AgentTraces() {
    }

    static AgentTraces empty() {
        return new AgentTraces();
    }

    /** Reads {@link #PATH} from {@code commit}'s tree; empty when the file is absent. */
    static AgentTraces read(Repository repo, ObjectReader reader, RevCommit commit) throws IOException {
        AgentTraces traces = new AgentTraces();
        try (TreeWalk tw = TreeWalk.forPath(reader, PATH, commit.getTree())) {
            if (tw == null) {
                return traces;
            }
            byte[] bytes = reader.open(tw.getObjectId(0)).getCachedBytes(Integer.MAX_VALUE);
            traces.parse(repo, new String(bytes, StandardCharsets.UTF_8));
        }
        return traces;
    }

    void parse(Repository repo, String jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, ObjectId> resolved = new HashMap<>();
        String[] lines = jsonl.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode rec;
            try {
                rec = json.readTree(line);
            } catch (IOException e) {
                warnings.add(PATH + " line " + (n + 1) + " is not JSON, skipped");
                continue;
            }
            JsonNode vcs = rec.path("vcs");
            String type = vcs.path("type").asText("git");
            String revision = vcs.path("revision").asText("");
            if (!type.equals("git") || revision.isEmpty()) {
                warnings.add(PATH + " line " + (n + 1) + ": no git revision, skipped");
                continue;
            }
            ObjectId rev = resolved.containsKey(revision) ? resolved.get(revision) : resolve(repo, revision);
            resolved.put(revision, rev);
            if (rev == null) {
                warnings.add(PATH + " line " + (n + 1) + ": revision " + revision + " not in this repository");
                continue;
            }
            String tool = ToolCatalog.normalizeTool(rec.path("tool").path("name").asText(null));
            Map<String, List<TracedRange>> files = byRevision.computeIfAbsent(rev, k -> new HashMap<>());
            for (JsonNode file : rec.path("files")) {
                String path = normalizePath(file.path("path").asText(""));
                if (path.isEmpty()) {
                    continue;
                }
                for (JsonNode conv : file.path("conversations")) {
                    JsonNode contributor = conv.path("contributor");
                    for (JsonNode range : conv.path("ranges")) {
                        JsonNode who = range.has("contributor") ? range.path("contributor") : contributor;
                        Claim claim = claimFor(who, tool);
                        int start = range.path("start_line").asInt(0);
                        int end = range.path("end_line").asInt(start);
                        if (claim == null || start < 1 || end < start) {
                            continue;
                        }
                        files.computeIfAbsent(path, k -> new ArrayList<>()).add(new TracedRange(start, end, claim));
                    }
                }
            }
            records++;
        }
    }

    private static ObjectId resolve(Repository repo, String revision) throws IOException {
        try {
            return repo.resolve(revision + "^{commit}");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Claim claimFor(JsonNode contributor, String tool) {
        String type = contributor.path("type").asText("unknown").toLowerCase(Locale.ROOT);
        String modelId = ToolCatalog.cleanModel(contributor.path("model_id").asText(null));
        String effectiveTool = tool != null ? tool : ToolCatalog.toolForText(modelId);
        switch (type) {
            case "ai":
                return Claim.ai(effectiveTool, modelId, Claim.SRC_AGENT_TRACE, Claim.AGENT_TRACE);
            case "mixed":
                return Claim.ai(effectiveTool, modelId, Claim.SRC_AGENT_TRACE, Claim.AGENT_TRACE_MIXED);
            case "human":
                return Claim.human(Claim.SRC_AGENT_TRACE, Claim.AGENT_TRACE);
            default:
                return null;
        }
    }

    static String normalizePath(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    /**
     * The claim for line {@code line} of {@code path} at {@code commit}, whose parents are {@code parents}. A record
     * at a parent of {@code commit} (written before committing) is preferred; a record at {@code commit} itself
     * counts only when no child of {@code commit} changed the file, since such a record may just as well describe
     * that child's lines (the agent's HEAD was {@code commit} while it worked).
     */
    Claim claim(AnyObjectId commit, RevCommit[] parents, String path, int line,
                java.util.function.BiPredicate<ObjectId, String> childChanged) {
        if (byRevision.isEmpty()) {
            return null;
        }
        if (parents != null) {
            for (RevCommit p : parents) {
                Claim c = claimAt(p, path, line);
                if (c != null) {
                    return c;
                }
            }
        }
        if (childChanged.test(commit.toObjectId(), path)) {
            return null;
        }
        return claimAt(commit, path, line);
    }

    private Claim claimAt(AnyObjectId revision, String path, int line) {
        Map<String, List<TracedRange>> files = byRevision.get(revision);
        if (files == null) {
            return null;
        }
        List<TracedRange> ranges = files.get(path);
        if (ranges == null) {
            return null;
        }
        for (int i = ranges.size() - 1; i >= 0; i--) {
            TracedRange r = ranges.get(i);
            if (line >= r.start && line <= r.end) {
                return r.claim;
            }
        }
        return null;
    }

    int records() {
        return records;
    }

    List<String> warnings() {
        return warnings;
    }
}
