package dev.sinkwatch.collector.attribution;

import dev.sinkwatch.collector.attribution.HistoryWalker.Origin;
import dev.sinkwatch.collector.attribution.SourceScanner.MarkedSpan;
import dev.sinkwatch.collector.attribution.SourceScanner.SourceInfo;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Builds an {@link AttributionIndex} from a git repository: walks the history once ({@link HistoryWalker}) to know,
 * for each line of each JVM source file at the indexed commit, which commit last wrote it and where; then asks the
 * readers, most precise first, what that line is:
 * <ol>
 *   <li>{@link GitAiNotes} (line-level, at the origin commit);</li>
 *   <li>{@link AgentTraces} (line-level, at the origin commit or its parent);</li>
 *   <li>{@link CommitIdentity} (commit-level: trailers, AI identities);</li>
 *   <li>in-source markers ({@link SourceScanner}, at the indexed commit).</li>
 * </ol>
 * The first reader with a claim decides. Without any, a line is human when its commit's author is a person, and
 * unknown when it sits at a shallow boundary, has no origin, or comes from a non-AI bot.
 *
 * <p>Usage: {@code new IndexBuilder(options).build()}. Not thread-safe; one build per instance.
 */
public final class IndexBuilder {
    /** JVM source files the index covers. */
    static final List<String> SOURCE_SUFFIXES = List.of(".java", ".kt");

    /**
     * What to build.
     *
     * @param repo          the repository's work tree (or a bare repository's directory)
     * @param rev           the revision to index; null for {@code HEAD}
     * @param sourceRoots   repository-relative directories to index; empty for every source file in the repository
     * @param service       service name recorded in the index; may be null
     * @param allowShallow  index a shallow clone anyway (boundary lines become unknown) instead of failing
     * @param requireNotes  fail when the git-ai notes ref is absent instead of warning
     * @param notesRef      git-ai notes ref; null for {@code refs/notes/ai}
     * @param progress      where progress and warnings go (stderr); null for silence
     */
    public record Options(Path repo, String rev, List<String> sourceRoots, String service, boolean allowShallow,
                          boolean requireNotes, String notesRef, PrintStream progress) {
        public Options {
            Objects.requireNonNull(repo, "repo");
            sourceRoots = sourceRoots == null ? List.of() : List.copyOf(sourceRoots);
        }

        public static Options of(Path repo) {
            return new Options(repo, null, List.of(), null, false, false, null, null);
        }
    }

    private static final int PROGRESS_COMMITS = 500;
    private static final int PROGRESS_FILES = 500;

    private final Options options;
    private final List<String> warnings = new ArrayList<>();

    public IndexBuilder(Options options) {
        this.options = options;
    }

    /** Warnings of the last build (also printed to the progress stream). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public AttributionIndex build() throws AttributionException, IOException {
        try (Repository repo = open(options.repo())) {
            return build(repo);
        }
    }

    static Repository open(Path dir) throws AttributionException, IOException {
        File d = dir.toFile();
        if (!d.isDirectory()) {
            throw new AttributionException("not a directory: " + dir);
        }
        FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
        File dotGit = new File(d, Constants.DOT_GIT);
        if (dotGit.exists()) {
            b.setWorkTree(d);
        } else if (new File(d, "HEAD").isFile() && new File(d, "objects").isDirectory()) {
            b.setGitDir(d);
        } else {
            throw new AttributionException("not a git repository: " + dir
                    + " (no .git here; pass the repository's top-level directory with --repo)");
        }
        try {
            return b.build();
        } catch (RepositoryNotFoundException e) {
            throw new AttributionException("not a git repository: " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    private AttributionIndex build(Repository repo) throws AttributionException, IOException {
        String rev = options.rev() == null ? Constants.HEAD : options.rev();
        ObjectId headId;
        try {
            headId = repo.resolve(rev + "^{commit}");
        } catch (RuntimeException e) {
            throw new AttributionException("cannot resolve revision '" + rev + "': " + e.getMessage(), e);
        }
        if (headId == null) {
            throw new AttributionException(Constants.HEAD.equals(rev) && repo.exactRef(Constants.HEAD) != null
                    && repo.exactRef(Constants.HEAD).getObjectId() == null
                    ? "the repository at " + options.repo() + " has no commits yet"
                    : "revision '" + rev + "' not found in " + options.repo());
        }
        Set<ObjectId> shallow = HistoryWalker.shallowCommits(repo);
        if (!shallow.isEmpty()) {
            String msg = "the repository is a shallow clone (" + shallow.size() + " boundary commit"
                    + (shallow.size() == 1 ? "" : "s") + "): history, and so blame, is incomplete, and lines"
                    + " written before the boundary cannot be attributed. Unshallow it with"
                    + " 'git fetch --unshallow' (in CI: checkout with fetch-depth: 0)";
            if (!options.allowShallow()) {
                throw new AttributionException(msg + ", or pass --allow-shallow to mark those lines unknown.");
            }
            warn(msg + "; --allow-shallow: boundary lines are marked unknown.");
        }
        String notesRef = options.notesRef() == null ? GitAiNotes.DEFAULT_REF : options.notesRef();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit head = walk.parseCommit(headId);
            GitAiNotes notes = GitAiNotes.open(repo, reader, notesRef);
            if (notes == null) {
                String how = "git fetch origin '" + notesRef + ":" + notesRef + "'";
                if (options.requireNotes()) {
                    throw new AttributionException("no " + notesRef + " in this repository: git-ai notes are not"
                            + " fetched by clones by default; fetch them with " + how);
                }
                if (!repo.getRemoteNames().isEmpty()) {
                    warn("no " + notesRef + " here; if the project uses git-ai, its notes are not fetched by"
                            + " default: " + how + " (line-level claims from git-ai are skipped)");
                }
            }
            AgentTraces traces = AgentTraces.read(repo, reader, head);
            traces.warnings().forEach(this::warn);

            TreeFilter filter = pathFilter(options.sourceRoots());
            HistoryWalker walker = new HistoryWalker(repo, reader, filter, options.progress(), PROGRESS_COMMITS);
            Map<String, Origin[]> origins = walker.walk(walk, head);

            Map<String, ObjectId> headFiles = new TreeMap<>();
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.setRecursive(true);
                tw.addTree(head.getTree());
                tw.setFilter(filter);
                while (tw.next()) {
                    headFiles.put(tw.getPathString(), tw.getObjectId(0));
                }
            }

            Resolver resolver = new Resolver(notes, traces, shallow, walker);
            List<IndexedFile> files = new ArrayList<>();
            Set<String> roots = new TreeSet<>();
            int done = 0;
            for (Map.Entry<String, ObjectId> e : headFiles.entrySet()) {
                String path = e.getKey();
                byte[] bytes = reader.open(e.getValue(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
                String text = new String(bytes, StandardCharsets.UTF_8);
                SourceInfo info = SourceScanner.scan(path, text);
                info.warnings().forEach(w -> warn(path + ": " + w));
                Origin[] lineOrigins = origins.get(path);
                int lines = new org.eclipse.jgit.diff.RawText(bytes).size();
                if (lineOrigins == null || lineOrigins.length != lines) {
                    warn(path + ": history and content disagree on the line count; its lines are unknown");
                    lineOrigins = new Origin[lines];
                }
                files.add(new IndexedFile(path, info.packageName(), info.classes(), lines,
                        resolver.regions(path, lineOrigins, info.spans())));
                sourceRoot(path, info.packageName()).ifPresent(roots::add);
                if (options.progress() != null && ++done % PROGRESS_FILES == 0) {
                    options.progress().printf("attribution: files %d/%d%n", done, headFiles.size());
                }
            }
            if (notes != null) {
                notes.warnings().forEach(this::warn);
            }
            if (options.progress() != null) {
                long ai = files.stream().flatMap(f -> f.regions().stream())
                        .filter(r -> r.authorship() == Authorship.AI)
                        .mapToLong(r -> r.endLine() - r.startLine() + 1L).sum();
                long all = files.stream().mapToLong(IndexedFile::lineCount).sum();
                options.progress().printf("attribution: %d commits, %d files, %d lines, %d AI lines;"
                                + " git-ai notes read: %d, agent-trace records: %d%n", walker.commitsWalked(),
                        files.size(), all, ai, notes == null ? 0 : notes.notesRead(), traces.records());
            }
            String builtAt = Instant.now().atOffset(ZoneOffset.UTC).withNano(0).toString();
            return new AttributionIndex(head.name(), options.service(), builtAt, !shallow.isEmpty(),
                    new ArrayList<>(roots), files, resolver.commits);
        }
    }

    private void warn(String message) {
        warnings.add(message);
        if (options.progress() != null) {
            options.progress().println("attribution: warning: " + message);
        }
    }

    private static TreeFilter pathFilter(List<String> sourceRoots) {
        List<TreeFilter> suffixes = new ArrayList<>();
        for (String s : SOURCE_SUFFIXES) {
            suffixes.add(PathSuffixFilter.create(s));
        }
        TreeFilter sources = suffixes.size() == 1 ? suffixes.get(0) : OrTreeFilter.create(suffixes);
        if (sourceRoots.isEmpty()) {
            return sources;
        }
        List<String> roots = new ArrayList<>();
        for (String r : sourceRoots) {
            String p = AgentTraces.normalizePath(r);
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.isEmpty()) {
                roots.add(p);
            }
        }
        return roots.isEmpty() ? sources : AndTreeFilter.create(PathFilterGroup.createFromStrings(roots), sources);
    }

    /** {@code a/src/main/java} for {@code a/src/main/java/com/acme/Foo.java} in package {@code com.acme}. */
    static Optional<String> sourceRoot(String path, String packageName) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String pkgDir = packageName.replace('.', '/');
        if (pkgDir.isEmpty()) {
            return Optional.of(dir);
        }
        if (dir.equals(pkgDir)) {
            return Optional.of("");
        }
        if (dir.endsWith("/" + pkgDir)) {
            return Optional.of(dir.substring(0, dir.length() - pkgDir.length() - 1));
        }
        return Optional.empty();
    }

    /** Turns line origins plus reader claims into regions, and collects the commits they cite. */
    private static final class Resolver {
        private final GitAiNotes notes;
        private final AgentTraces traces;
        private final Set<ObjectId> shallow;
        private final HistoryWalker walker;
        private final Map<RevCommit, Optional<Claim>> commitClaims = new HashMap<>();
        final Map<String, AttributionIndex.CommitInfo> commits = new LinkedHashMap<>();

        Resolver(GitAiNotes notes, AgentTraces traces, Set<ObjectId> shallow, HistoryWalker walker) {
            this.walker = walker;
            this.notes = notes;
            this.traces = traces;
            this.shallow = shallow;
        }

        List<Region> regions(String path, Origin[] origins, List<MarkedSpan> spans) throws IOException {
            Claim[] markers = new Claim[origins.length];
            // Widest first, so a marked method inside a marked class keeps its own tool.
            List<MarkedSpan> widestFirst = new ArrayList<>(spans);
            widestFirst.sort((a, b) -> Integer.compare(b.endLine() - b.startLine(), a.endLine() - a.startLine()));
            for (MarkedSpan s : widestFirst) {
                int first = Math.max(1, s.startLine());
                int last = Math.min(origins.length, s.endLine());
                if (first > last) {
                    continue;
                }
                Origin at = origins[first - 1];
                if (at != null && !shallow.contains(at.commit())) {
                    cite(at.commit().name(), at.commit());
                }
                Claim c = Claim.ai(s.tool(), s.model(), Claim.SRC_MARKER, Claim.MARKER)
                        .withCommit(at == null || shallow.contains(at.commit()) ? null : at.commit().name());
                for (int i = first; i <= last; i++) {
                    markers[i - 1] = c;
                }
            }
            List<Region> regions = new ArrayList<>();
            Line prev = null;
            int start = 1;
            for (int i = 0; i < origins.length; i++) {
                Line line = resolve(origins[i], markers[i]);
                if (prev != null && !line.equals(prev)) {
                    regions.add(prev.toRegion(path, start, i, commits));
                    start = i + 1;
                }
                prev = line;
            }
            if (prev != null) {
                regions.add(prev.toRegion(path, start, origins.length, commits));
            }
            return regions;
        }

        private Line resolve(Origin o, Claim marker) throws IOException {
            boolean known = o != null && !shallow.contains(o.commit());
            Claim claim = null;
            if (known) {
                if (notes != null) {
                    claim = notes.claim(o.commit(), o.path(), o.line());
                }
                if (claim == null) {
                    claim = traces.claim(o.commit(), o.commit().getParents(), o.path(), o.line(), walker::childChanged);
                }
                if (claim == null) {
                    claim = commitClaims.computeIfAbsent(o.commit(), c -> Optional.ofNullable(CommitIdentity.claim(c)))
                            .orElse(null);
                }
            }
            if (claim == null) {
                claim = marker;
            }
            if (claim != null) {
                String commit = claim.commit() != null ? claim.commit() : known ? o.commit().name() : null;
                if (commit != null) {
                    cite(commit, claim.commit() != null ? null : o.commit());
                }
                return new Line(claim.authorship(), claim.tool(), claim.model(), commit, claim.source(),
                        claim.confidence());
            }
            if (!known) {
                return new Line(Authorship.UNKNOWN, null, null, null, Claim.SRC_NONE, 0);
            }
            cite(o.commit().name(), o.commit());
            if (CommitIdentity.isHuman(o.commit().getAuthorIdent())) {
                return new Line(Authorship.HUMAN, null, null, o.commit().name(), Claim.SRC_COMMIT,
                        Claim.HUMAN_BY_COMMIT);
            }
            return new Line(Authorship.UNKNOWN, null, null, o.commit().name(), Claim.SRC_COMMIT, 0);
        }

        private void cite(String sha, RevCommit commit) {
            if (commits.containsKey(sha) || commit == null) {
                if (!commits.containsKey(sha)) {
                    commits.put(sha, new AttributionIndex.CommitInfo(null, null, null));
                }
                return;
            }
            PersonIdent a = commit.getAuthorIdent();
            commits.put(sha, new AttributionIndex.CommitInfo(a.getName() + " <" + a.getEmailAddress() + ">",
                    a.getWhenAsInstant().atOffset(ZoneOffset.UTC).withNano(0).toString(), commit.getShortMessage()));
        }
    }

    /** One line's resolved attribution; equal neighbours merge into one region. */
    private record Line(Authorship authorship, String tool, String model, String commit, String source,
                        double confidence) {
        Region toRegion(String path, int start, int end, Map<String, AttributionIndex.CommitInfo> commits) {
            AttributionIndex.CommitInfo info = commit == null ? null : commits.get(commit);
            return new Region(path, start, end, authorship, tool, model, commit,
                    info == null ? null : info.author(), source, confidence, info == null ? null : info.summary());
        }
    }
}
