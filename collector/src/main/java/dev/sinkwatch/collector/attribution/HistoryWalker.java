package dev.sinkwatch.collector.attribution;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Blame for every tracked file at once, computed forwards: commits are visited parents-first and each file's
 * per-line {@link Origin} array is carried through each commit's diff. The result is, for every line of every
 * tracked file at the head commit, the commit that last wrote it and where the line sat in that commit's version
 * of the file (so git-ai and Agent Trace line numbers, valid at that commit, apply directly).
 *
 * <p>Why not JGit's {@code BlameCommand} per file: it re-walks the whole history once per file (2,000 files ×
 * 5,000 commits in the benchmark) and it has no copy/move detection (no {@code -M}/{@code -C}). Here each commit's
 * diff is computed once, and the same pass does what {@code git blame -M -C} does for the common cases:
 * <ul>
 *   <li>renames and copies between files: JGit's {@link RenameDetector} (content similarity, default score 60);</li>
 *   <li>moved or copied blocks: a block of lines a commit adds that equals (ignoring indentation) a block of the
 *   parent's version of any file the commit changed, with at least {@value #MIN_ALNUM} alphanumeric characters
 *   (git's default {@code -M}/{@code -C} score), keeps the origins of those parent lines;</li>
 *   <li>merges: a line the merge changed relative to its first parent keeps the origin it has in another parent
 *   when it is unchanged from that parent's version (git blame's pass-to-parents rule); only lines in no parent
 *   belong to the merge itself. A squash merge is an ordinary commit and its lines are its own.</li>
 * </ul>
 * Not done: git's {@code -C -C} (copies from files the commit did not change) and whitespace-insensitive diffs.
 * Shallow boundary commits have no parents here (JGit reads {@code .git/shallow}); their lines are reported as
 * theirs, and the caller marks them unknown.
 *
 * <p>Concurrency: single-threaded; one instance per build.
 */
final class HistoryWalker {
    /** Blame's minimum for a moved/copied block, in alphanumeric characters (git's default). */
    static final int MIN_ALNUM = 20;
    private static final int MAX_CANDIDATES = 64;
    private static final DiffAlgorithm DIFF = new HistogramDiff();

    /** Where a line came from: the commit that last wrote it, its path and 1-based line there. */
    record Origin(RevCommit commit, String path, int line) {
    }

    private final Repository repo;
    private final ObjectReader reader;
    private final TreeFilter pathFilter;
    private final PrintStream progress;
    private final int progressEvery;
    private final Map<ObjectId, RawText> textCache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, RawText> eldest) {
            return size() > 512;
        }
    };
    private int commitsWalked;
    /** "parentId path" for every file a child of parentId changed (Agent Trace needs to know; see AgentTraces). */
    private final Set<String> childTouched = new java.util.HashSet<>();

    HistoryWalker(Repository repo, ObjectReader reader, TreeFilter pathFilter, PrintStream progress,
                  int progressEvery) {
        this.repo = repo;
        this.reader = reader;
        this.pathFilter = pathFilter;
        this.progress = progress;
        this.progressEvery = progressEvery;
    }

    /** Whether some child commit of {@code parent} (within the walk) changed {@code path}. */
    boolean childChanged(ObjectId parent, String path) {
        return childTouched.contains(parent.name() + " " + path);
    }

    int commitsWalked() {
        return commitsWalked;
    }

    /** Line origins of every tracked file at {@code head}. {@code head} must come from {@code walk}. */
    Map<String, Origin[]> walk(RevWalk walk, RevCommit head) throws IOException {
        walk.reset();
        walk.sort(RevSort.TOPO, true);
        walk.sort(RevSort.REVERSE, true);
        walk.markStart(head);
        List<RevCommit> order = new ArrayList<>();
        Map<RevCommit, int[]> childrenLeft = new IdentityHashMap<>();
        for (RevCommit c : walk) {
            order.add(c);
            for (RevCommit p : c.getParents()) {
                childrenLeft.computeIfAbsent(p, k -> new int[1])[0]++;
            }
        }
        Map<RevCommit, Map<String, Origin[]>> states = new IdentityHashMap<>();
        DiffConfig diffConfig = repo.getConfig().get(DiffConfig.KEY);
        Map<String, Origin[]> last = new HashMap<>();
        for (RevCommit c : order) {
            Map<String, Origin[]> state = stateFor(c, states, childrenLeft);
            apply(c, state, states, diffConfig);
            for (int k = 1; k < c.getParentCount(); k++) {
                release(c.getParent(k), states, childrenLeft);
            }
            int[] left = childrenLeft.get(c);
            if (left != null && left[0] > 0) {
                states.put(c, state);
            }
            last = state;
            commitsWalked++;
            if (progress != null && commitsWalked % progressEvery == 0) {
                progress.printf("attribution: history %d/%d commits%n", commitsWalked, order.size());
            }
        }
        return last;
    }

    private static Map<String, Origin[]> stateFor(RevCommit c, Map<RevCommit, Map<String, Origin[]>> states,
                                                  Map<RevCommit, int[]> childrenLeft) {
        if (c.getParentCount() == 0) {
            return new HashMap<>();
        }
        RevCommit p = c.getParent(0);
        Map<String, Origin[]> base = states.get(p);
        if (base == null) {
            return new HashMap<>();
        }
        int[] left = childrenLeft.get(p);
        if (--left[0] == 0) {
            states.remove(p);
            return base; // the last child takes the parent's state over; arrays are never mutated in place
        }
        return new HashMap<>(base);
    }

    private static void release(RevCommit p, Map<RevCommit, Map<String, Origin[]>> states,
                                Map<RevCommit, int[]> childrenLeft) {
        int[] left = childrenLeft.get(p);
        if (left != null && --left[0] == 0) {
            states.remove(p);
        }
    }

    private void apply(RevCommit c, Map<String, Origin[]> state, Map<RevCommit, Map<String, Origin[]>> states,
                       DiffConfig diffConfig) throws IOException {
        List<DiffEntry> entries;
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            if (c.getParentCount() == 0) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                tw.addTree(c.getParent(0).getTree());
            }
            tw.addTree(c.getTree());
            tw.setFilter(AndTreeFilter.create(TreeFilter.ANY_DIFF, pathFilter));
            entries = DiffEntry.scan(tw);
        }
        if (entries.isEmpty()) {
            return;
        }
        boolean adds = false;
        boolean deletes = false;
        for (DiffEntry e : entries) {
            adds |= e.getChangeType() == DiffEntry.ChangeType.ADD;
            deletes |= e.getChangeType() == DiffEntry.ChangeType.DELETE;
        }
        if (adds && (deletes || entries.size() > 1)) {
            RenameDetector rd = new RenameDetector(reader, diffConfig);
            rd.addAll(entries);
            entries = rd.compute();
        }
        for (RevCommit p : c.getParents()) {
            for (DiffEntry e : entries) {
                if (e.getChangeType() != DiffEntry.ChangeType.ADD) {
                    childTouched.add(p.name() + " " + e.getOldPath());
                }
            }
        }
        boolean merge = c.getParentCount() > 1;
        // Phase 1: the parent's versions of every changed file, as the pool moved/copied lines are found in.
        Pool pool = merge ? null : new Pool(); // filled lazily: most commits only append or edit in place
        Map<String, RawText> oldTexts = new HashMap<>();
        Map<String, Origin[]> oldOrigins = new HashMap<>();
        for (DiffEntry e : entries) {
            if (e.getChangeType() == DiffEntry.ChangeType.ADD) {
                continue;
            }
            String oldPath = e.getOldPath();
            if (oldTexts.containsKey(oldPath)) {
                continue;
            }
            RawText text = text(e.getOldId().toObjectId());
            Origin[] origins = state.get(oldPath);
            oldTexts.put(oldPath, text);
            oldOrigins.put(oldPath, origins);
            if (pool != null) {
                pool.source(oldPath, text, origins);
            }
        }
        // Phase 2: renames and deletions leave the state first, so a copy back to an old name is not clobbered.
        for (DiffEntry e : entries) {
            if (e.getChangeType() == DiffEntry.ChangeType.DELETE || e.getChangeType() == DiffEntry.ChangeType.RENAME) {
                state.remove(e.getOldPath());
            }
        }
        for (DiffEntry e : entries) {
            if (e.getChangeType() == DiffEntry.ChangeType.DELETE) {
                continue;
            }
            String newPath = e.getNewPath();
            RawText newText = text(e.getNewId().toObjectId());
            Origin[] out = new Origin[newText.size()];
            boolean[] assigned = new boolean[out.length];
            if (e.getChangeType() != DiffEntry.ChangeType.ADD) {
                carry(oldTexts.get(e.getOldPath()), oldOrigins.get(e.getOldPath()), newText, out, assigned);
            }
            if (merge) {
                for (int k = 1; k < c.getParentCount(); k++) {
                    carryFromParent(c.getParent(k), states.get(c.getParent(k)), newPath, newText, out, assigned);
                }
            }
            String[] keys = null;
            for (int i = 0; i < out.length; i++) {
                if (assigned[i]) {
                    continue;
                }
                if (keys == null && pool != null && pool.hasSources()) {
                    keys = keys(newText);
                }
                int used = keys == null ? 0 : pool.match(keys, i, assigned, newPath, out);
                if (used > 0) {
                    i += used - 1;
                } else {
                    out[i] = new Origin(c, newPath, i + 1);
                    assigned[i] = true;
                }
            }
            state.put(newPath, out);
        }
    }

    /** Lines unchanged between {@code oldText} and {@code newText} keep their old origins. */
    private static void carry(RawText oldText, Origin[] oldOrigins, RawText newText, Origin[] out,
                              boolean[] assigned) {
        if (oldText == null) {
            return;
        }
        EditList edits = DIFF.diff(RawTextComparator.DEFAULT, oldText, newText);
        int a = 0;
        int b = 0;
        for (Edit e : edits) {
            while (b < e.getBeginB()) {
                take(oldOrigins, a++, out, assigned, b++);
            }
            a = e.getEndA();
            b = e.getEndB();
        }
        while (b < newText.size() && a < oldText.size()) {
            take(oldOrigins, a++, out, assigned, b++);
        }
    }

    private static void take(Origin[] from, int a, Origin[] out, boolean[] assigned, int b) {
        if (assigned[b]) {
            return;
        }
        // An untracked predecessor (no state) leaves the origin null: unknown, never invented.
        out[b] = from != null && a < from.length ? from[a] : null;
        assigned[b] = true;
    }

    private void carryFromParent(RevCommit parent, Map<String, Origin[]> parentState, String path, RawText newText,
                                 Origin[] out, boolean[] assigned) throws IOException {
        if (parentState == null || !parentState.containsKey(path)) {
            return;
        }
        try (TreeWalk tw = TreeWalk.forPath(reader, path, parent.getTree())) {
            if (tw == null) {
                return;
            }
            carry(text(tw.getObjectId(0)), parentState.get(path), newText, out, assigned);
        }
    }

    private RawText text(ObjectId blob) throws IOException {
        RawText t = textCache.get(blob);
        if (t == null) {
            t = new RawText(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
            textCache.put(blob, t);
        }
        return t;
    }

    static String[] keys(RawText text) {
        String[] keys = new String[text.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = text.getString(i).strip();
        }
        return keys;
    }

    static int alnum(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** The parent-side lines of one commit's changed files, indexed by their stripped text. */
    private static final class Pool {
        private final List<String> paths = new ArrayList<>();
        private final List<String[]> keys = new ArrayList<>();
        private final List<Origin[]> origins = new ArrayList<>();
        private final Map<String, List<long[]>> index = new HashMap<>();
        private final List<Object[]> pending = new ArrayList<>();

        /** Registers a parent-side file; it is only read if some added line needs matching. */
        void source(String path, RawText text, Origin[] lineOrigins) {
            if (lineOrigins != null) {
                pending.add(new Object[] {path, text, lineOrigins});
            }
        }

        boolean hasSources() {
            return !pending.isEmpty() || !paths.isEmpty();
        }

        private void fill() {
            for (Object[] p : pending) {
                add((String) p[0], (RawText) p[1], (Origin[]) p[2]);
            }
            pending.clear();
        }

        private void add(String path, RawText text, Origin[] lineOrigins) {
            if (lineOrigins == null) {
                return;
            }
            int f = paths.size();
            String[] k = keys(text);
            paths.add(path);
            keys.add(k);
            origins.add(lineOrigins);
            for (int i = 0; i < k.length; i++) {
                if (alnum(k[i]) > 0) {
                    List<long[]> at = index.computeIfAbsent(k[i], x -> new ArrayList<>(1));
                    if (at.size() < MAX_CANDIDATES) {
                        at.add(new long[] {f, i});
                    }
                }
            }
        }

        /**
         * Finds the longest pool block equal to {@code newKeys[from..]} (unassigned lines only); when it has enough
         * alphanumeric characters, copies its origins into {@code out} and returns its length, else 0.
         */
        int match(String[] newKeys, int from, boolean[] assigned, String newPath, Origin[] out) {
            if (!pending.isEmpty()) {
                fill();
            }
            List<long[]> candidates = index.get(newKeys[from]);
            if (candidates == null) {
                return 0;
            }
            int bestLen = 0;
            int bestFile = -1;
            int bestLine = -1;
            for (long[] cand : candidates) {
                int f = (int) cand[0];
                int line = (int) cand[1];
                String[] k = keys.get(f);
                int len = 0;
                while (from + len < newKeys.length && !assigned[from + len] && line + len < k.length
                        && newKeys[from + len].equals(k[line + len])) {
                    len++;
                }
                boolean samePath = paths.get(f).equals(newPath);
                if (len > bestLen || (len == bestLen && len > 0 && samePath && !paths.get(bestFile).equals(newPath))) {
                    bestLen = len;
                    bestFile = f;
                    bestLine = line;
                }
            }
            if (bestLen == 0) {
                return 0;
            }
            int chars = 0;
            for (int i = 0; i < bestLen; i++) {
                chars += alnum(newKeys[from + i]);
            }
            if (chars < MIN_ALNUM) {
                return 0;
            }
            Origin[] src = origins.get(bestFile);
            for (int i = 0; i < bestLen; i++) {
                int at = bestLine + i;
                out[from + i] = at < src.length ? src[at] : null;
                assigned[from + i] = true;
            }
            return bestLen;
        }
    }

    static Set<ObjectId> shallowCommits(Repository repo) throws IOException {
        return repo.getObjectDatabase().getShallowCommits();
    }
}
