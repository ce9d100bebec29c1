package dev.sinkwatch.collector.attribution;

import java.util.List;

/**
 * One source file of the index.
 *
 * @param path        repository path, {@code /}-separated
 * @param packageName declared package, {@code ""} for the default package
 * @param classes     top-level type names declared in the file (Kotlin files also get {@code <File>Kt})
 * @param lineCount   lines in the file at the index's commit
 * @param regions     consecutive, non-overlapping, covering lines 1..lineCount
 */
public record IndexedFile(String path, String packageName, List<String> classes, int lineCount,
                          List<Region> regions) {
    public IndexedFile {
        classes = List.copyOf(classes);
        regions = List.copyOf(regions);
    }

    /** The region holding {@code line}, or null when the line is outside the file. */
    public Region regionAt(int line) {
        int lo = 0;
        int hi = regions.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Region r = regions.get(mid);
            if (line < r.startLine()) {
                hi = mid - 1;
            } else if (line > r.endLine()) {
                lo = mid + 1;
            } else {
                return r;
            }
        }
        return null;
    }
}
