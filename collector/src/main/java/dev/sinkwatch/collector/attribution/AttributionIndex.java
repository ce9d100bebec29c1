package dev.sinkwatch.collector.attribution;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An attribution index: which lines of which source files, at one commit, were written by which AI tool, by a
 * human, or cannot be told. Built by {@link IndexBuilder} (the {@code attribution} command), read by the collector.
 * The JSON format ({@value #FORMAT}) is documented in docs/attribution.md.
 *
 * <p>Lookups go from a stack frame's class name to the file declaring its top-level class: {@code a.b.Outer$Inner}
 * and lambda frames (reported with class {@code a.b.Outer}) share {@code Outer}'s file. When several files declare
 * the same class (copies across modules, main and test), files under a {@code src/main/} root win, then the
 * shortest path.
 *
 * <p>Concurrency: immutable after construction; safe to share between threads.
 */
public final class AttributionIndex {
    public static final String FORMAT = "sinkwatch-attribution/1";

    /** Commit metadata shared by regions. {@code author} is {@code Name <email>}; {@code summary} the first line. */
    record CommitInfo(String author, String date, String summary) {
    }

    /** Among files declaring the same class: {@code src/main/} first, then the shortest path. */
    private static final Comparator<IndexedFile> PREFERENCE = Comparator
            .comparing((IndexedFile f) -> !(f.path().startsWith("src/main/") || f.path().contains("/src/main/")))
            .thenComparingInt(f -> f.path().length())
            .thenComparing(IndexedFile::path);

    private final String commit;
    private final String service;
    private final String builtAt;
    private final boolean shallow;
    private final List<String> sourceRoots;
    private final List<IndexedFile> files;
    private final Map<String, CommitInfo> commits;
    private final Map<String, List<IndexedFile>> byClass = new HashMap<>();
    private final Map<String, IndexedFile> byPath = new HashMap<>();

    AttributionIndex(String commit, String service, String builtAt, boolean shallow, List<String> sourceRoots,
                     List<IndexedFile> files, Map<String, CommitInfo> commits) {
        this.commit = commit;
        this.service = service;
        this.builtAt = builtAt;
        this.shallow = shallow;
        this.sourceRoots = List.copyOf(sourceRoots);
        this.files = List.copyOf(files);
        this.commits = Collections.unmodifiableMap(new LinkedHashMap<>(commits));
        for (IndexedFile f : this.files) {
            byPath.put(f.path(), f);
            for (String cls : f.classes()) {
                String fqcn = f.packageName().isEmpty() ? cls : f.packageName() + "." + cls;
                byClass.computeIfAbsent(fqcn, k -> new ArrayList<>()).add(f);
            }
        }
        byClass.values().forEach(list -> list.sort(PREFERENCE));
    }

    /** Reads an index file. */
    public static AttributionIndex load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Reads an index; rejects other formats with an {@link IOException} that names the format found. */
    public static AttributionIndex read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a " + FORMAT + " index (format: '"
                    + (root == null ? "" : root.path("format").asText()) + "')");
        }
        Map<String, CommitInfo> commits = new LinkedHashMap<>();
        root.path("commits").fields().forEachRemaining(e -> commits.put(e.getKey(), new CommitInfo(
                text(e.getValue(), "author"), text(e.getValue(), "date"), text(e.getValue(), "summary"))));
        List<IndexedFile> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String path = f.path("path").asText();
            List<String> classes = new ArrayList<>();
            f.path("classes").forEach(c -> classes.add(c.asText()));
            List<Region> regions = new ArrayList<>();
            for (JsonNode r : f.path("ranges")) {
                String sha = text(r, "commit");
                CommitInfo info = sha == null ? null : commits.get(sha);
                regions.add(new Region(path, r.path("start").asInt(), r.path("end").asInt(),
                        Authorship.fromLabel(r.path("class").asText()), text(r, "tool"), text(r, "model"), sha,
                        info == null ? null : info.author(), r.path("source").asText(Claim.SRC_NONE),
                        r.path("confidence").asDouble(0), info == null ? null : info.summary()));
            }
            files.add(new IndexedFile(path, f.path("package").asText(""), classes, f.path("lines").asInt(),
                    regions));
        }
        List<String> roots = new ArrayList<>();
        root.path("sourceRoots").forEach(r -> roots.add(r.asText()));
        return new AttributionIndex(root.path("commit").asText(), text(root, "service"), text(root, "builtAt"),
                root.path("shallow").asBoolean(false), roots, files, commits);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Writes the index as JSON ({@value #FORMAT}). */
    public void write(OutputStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("commit", commit);
        if (service != null) {
            root.put("service", service);
        }
        if (builtAt != null) {
            root.put("builtAt", builtAt);
        }
        root.put("shallow", shallow);
        ArrayNode roots = root.putArray("sourceRoots");
        sourceRoots.forEach(roots::add);
        ObjectNode cs = root.putObject("commits");
        commits.forEach((sha, info) -> {
            ObjectNode c = cs.putObject(sha);
            putIf(c, "author", info.author());
            putIf(c, "date", info.date());
            putIf(c, "summary", info.summary());
        });
        ArrayNode fs = root.putArray("files");
        for (IndexedFile f : files) {
            ObjectNode fn = fs.addObject();
            fn.put("path", f.path());
            fn.put("package", f.packageName());
            ArrayNode classes = fn.putArray("classes");
            f.classes().forEach(classes::add);
            fn.put("lines", f.lineCount());
            ArrayNode ranges = fn.putArray("ranges");
            for (Region r : f.regions()) {
                ObjectNode rn = ranges.addObject();
                rn.put("start", r.startLine());
                rn.put("end", r.endLine());
                rn.put("class", r.authorship().label());
                putIf(rn, "tool", r.tool());
                putIf(rn, "model", r.model());
                putIf(rn, "commit", r.commit());
                rn.put("source", r.source());
                rn.put("confidence", r.confidence());
            }
        }
        mapper.writeValue(out, root);
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** Writes the index to a file, replacing it. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    /** The commit (40 hex) the index describes. */
    public String commit() {
        return commit;
    }

    /** The service name given at build time ({@code --service}), if any. */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /** True when the repository was a shallow clone: lines at the boundary are {@code unknown}. */
    public boolean shallow() {
        return shallow;
    }

    public List<String> sourceRoots() {
        return sourceRoots;
    }

    public List<IndexedFile> files() {
        return files;
    }

    /**
     * The region holding {@code line} of the file that declares {@code className}'s top-level class.
     *
     * @param className a frame's class: {@code com.acme.Orders}, {@code com.acme.Orders$Page},
     *                  {@code com.acme.Orders$$Lambda/0x…} (the part before the first {@code $} is used)
     * @return empty when no indexed file declares the class, or the line is outside the file
     */
    public Optional<Region> lookup(String className, int line) {
        return fileFor(className).map(f -> f.regionAt(line));
    }

    /**
     * Like {@link #lookup(String, int)}, falling back to the frame's file name under the class's package directory
     * (for a class declared in a file of another name that the scanner missed, or a Kotlin facade).
     */
    public Optional<Region> lookup(String className, String fileName, int line) {
        Optional<Region> byClassName = lookup(className, line);
        if (byClassName.isPresent() || fileName == null || fileName.isEmpty()) {
            return byClassName;
        }
        String pkg = packageOf(outerClass(className));
        String suffix = (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + fileName;
        return files.stream()
                .filter(f -> f.path().equals(suffix) || f.path().endsWith("/" + suffix))
                .filter(f -> f.packageName().equals(pkg))
                .min(PREFERENCE)
                .map(f -> f.regionAt(line));
    }

    /** The indexed file declaring {@code className}'s top-level class. */
    public Optional<IndexedFile> fileFor(String className) {
        List<IndexedFile> candidates = byClass.get(outerClass(className));
        return candidates == null ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /** The file at {@code path}, if indexed. */
    public Optional<IndexedFile> file(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Every AI-attributed region, by path then line. */
    public List<Region> aiRegions() {
        List<Region> out = new ArrayList<>();
        for (IndexedFile f : files) {
            for (Region r : f.regions()) {
                if (r.authorship() == Authorship.AI) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Whether this index describes {@code deployedRevision}; see {@link RevisionCheck}. */
    public RevisionCheck checkRevision(String deployedRevision) {
        return RevisionCheck.of(commit, deployedRevision);
    }

    static String outerClass(String className) {
        String c = className;
        int slash = c.indexOf('/');
        if (slash >= 0) {
            c = c.substring(0, slash); // hidden classes: Foo$$Lambda/0x0000...
        }
        int dollar = c.indexOf('$');
        return dollar > 0 ? c.substring(0, dollar) : c;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
