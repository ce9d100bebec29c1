package dev.sinkwatch.collector.link;

import dev.sinkwatch.collector.alert.AlertAttribution;
import dev.sinkwatch.collector.api.AttributionApi;
import dev.sinkwatch.collector.attribution.AttributionIndex;
import dev.sinkwatch.collector.attribution.Authorship;
import dev.sinkwatch.collector.attribution.Region;
import dev.sinkwatch.collector.attribution.RevisionCheck;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.ServiceId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The attribution indexes the collector knows, by service, and the link from a call site to the AI region behind
 * it. Indexes come from {@code attribution.dir} at start and from {@code POST /api/attribution}; uploads are saved
 * to the directory so they survive a restart. An index built without {@code --service} applies to every service
 * that has none of its own.
 *
 * <p>Concurrency: thread-safe. Indexes are immutable; the map is concurrent; the latest upload for a service wins.
 */
public final class AttributionIndexes implements AttributionApi {

    private static final Logger LOG = Logger.getLogger(AttributionIndexes.class.getName());
    private static final String ANY_SERVICE = "";

    /**
     * What links an alert to source history.
     *
     * @param frame    the stack frame that matched ({@code com.acme.Orders.find(Orders.java:42)})
     * @param region   the region holding that line
     * @param revision whether the index was built at the deployed commit
     */
    public record Link(String frame, Region region, RevisionCheck revision) {
        public boolean ai() {
            return region.authorship() == Authorship.AI;
        }
    }

    private final Map<String, AttributionIndex> byService = new ConcurrentHashMap<>();
    private final Path directory;

    /** @param directory where indexes are loaded from and uploads saved; null keeps uploads in memory only */
    public AttributionIndexes(Path directory) {
        this.directory = directory;
    }

    /** Loads every {@code *.json} index in the directory; files that are not indexes are logged and skipped. */
    public AttributionIndexes loadDirectory() {
        if (directory == null || !Files.isDirectory(directory)) {
            return this;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                try {
                    add(AttributionIndex.load(file));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "skipping attribution index " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list attribution directory " + directory, e);
        }
        return this;
    }

    public void add(AttributionIndex index) {
        byService.put(index.service().orElse(ANY_SERVICE), index);
    }

    public int size() {
        return byService.size();
    }

    @Override
    public Object upload(byte[] body, String contentType) {
        AttributionIndex index;
        try {
            index = AttributionIndex.read(new ByteArrayInputStream(body));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid attribution index: " + e.getMessage());
        }
        if (index.service().filter(name -> !name.isBlank()).isEmpty()) {
            // An index without a service would apply to every service that has none: one upload could attribute
            // (or hide) the code of services it never described.
            throw new IllegalArgumentException("the index names no service: build it with --service NAME");
        }
        String service = index.service().orElse(ANY_SERVICE);
        Path saved = null;
        if (directory != null) {
            try {
                Files.createDirectories(directory);
                saved = directory.resolve((service.isEmpty() ? "any-service" : sanitize(service)) + ".json");
                index.save(saved);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the attribution index to " + directory, e);
            }
        }
        add(index);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("service", service.isEmpty() ? null : service);
        summary.put("commit", index.commit());
        summary.put("files", index.files().size());
        summary.put("aiRegions", index.aiRegions().size());
        summary.put("shallow", index.shallow());
        summary.put("savedTo", saved == null ? null : saved.toString());
        return summary;
    }

    /**
     * The region behind a call site: the first frame, innermost first, that lies in an AI region; failing that, the
     * innermost frame that any index region covers. Empty when no index covers the service or any frame.
     *
     * @param revision what the service reported ({@code vcs.ref.head.revision}, else its version); may be null
     */
    public Optional<Link> link(ServiceId service, String revision, CallSite callSite) {
        AttributionIndex index = indexFor(service);
        if (index == null) {
            return Optional.empty();
        }
        RevisionCheck check = index.checkRevision(revision != null ? revision : service.version());
        Link first = null;
        for (String frame : frames(callSite)) {
            Frame parsed = Frame.parse(frame);
            if (parsed == null) {
                continue;
            }
            Optional<Region> region = index.lookup(parsed.className(), parsed.file(), parsed.line());
            if (region.isEmpty()) {
                continue;
            }
            Link link = new Link(frame, region.get(), check);
            if (link.ai()) {
                return Optional.of(link);
            }
            if (first == null) {
                first = link;
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * What the collector saw one call site do, for {@link #aiRegions}.
     *
     * @param callSiteId {@code com.acme.Orders.find:42}
     * @param targets    operation → targets seen
     */
    public record SinkUse(String callSiteId, String serviceVersion, String kind, String state,
                          Map<String, List<String>> targets, long observations) {
    }

    /** An AI-written region and the sink behaviour seen from call sites inside it. */
    public record RegionReport(String file, int startLine, int endLine, String tool, String model, String commit,
                               String source, double confidence, String indexCommit, List<SinkUse> sinks) {
    }

    /**
     * Every AI region of the service's index, each with the uses whose call site falls inside it (regions with no
     * sink behaviour seen are listed too, with none). Empty when no index covers the service.
     */
    public Optional<List<RegionReport>> aiRegions(String serviceName, List<SinkUse> uses) {
        AttributionIndex index = indexFor(new ServiceId(serviceName, null));
        if (index == null) {
            return Optional.empty();
        }
        Map<Region, List<SinkUse>> byRegion = new LinkedHashMap<>();
        for (Region region : index.aiRegions()) {
            byRegion.put(region, new ArrayList<>());
        }
        for (SinkUse use : uses) {
            int colon = use.callSiteId().lastIndexOf(':');
            int dot = colon < 0 ? -1 : use.callSiteId().lastIndexOf('.', colon);
            if (dot <= 0) {
                continue;
            }
            int line;
            try {
                line = Integer.parseInt(use.callSiteId().substring(colon + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            index.lookup(use.callSiteId().substring(0, dot), line)
                    .filter(region -> region.authorship() == Authorship.AI)
                    .map(byRegion::get)
                    .ifPresent(list -> list.add(use));
        }
        List<RegionReport> reports = new ArrayList<>();
        byRegion.forEach((region, sinks) -> reports.add(new RegionReport(region.path(), region.startLine(),
                region.endLine(), region.tool(), region.model(), region.commit(), region.source(),
                region.confidence(), index.commit(), List.copyOf(sinks))));
        return Optional.of(reports);
    }

    /**
     * The link as the alert layer carries it. Empty when no index is known for the service; {@code unknown}, with
     * the reason, when an index is known but none of the call site's frames falls in it — never a guess, and
     * never "human" for want of information.
     */
    public Optional<AlertAttribution> alertAttribution(ServiceId service, String revision, CallSite callSite) {
        Optional<Link> link = link(service, revision, callSite);
        if (link.isPresent()) {
            return link.map(AttributionIndexes::toAlert);
        }
        AttributionIndex index = indexFor(service);
        if (index == null) {
            return Optional.empty();
        }
        RevisionCheck check = index.checkRevision(revision != null ? revision : service.version());
        String note = "no attributed lines for this call site in the index built at " + abbreviate(index.commit())
                + (check.status() == RevisionCheck.Status.MATCH ? "" : "; " + check.message());
        return Optional.of(new AlertAttribution("unknown", null, null, null, null, 0, 0, note));
    }

    private AttributionIndex indexFor(ServiceId service) {
        AttributionIndex index = byService.get(service.name());
        return index != null ? index : byService.get(ANY_SERVICE);
    }

    private static String abbreviate(String commit) {
        return commit == null ? "(unknown commit)" : commit.substring(0, Math.min(12, commit.length()));
    }

    static AlertAttribution toAlert(Link link) {
        Region region = link.region();
        StringBuilder note = new StringBuilder();
        note.append("source ").append(region.source()).append(String.format(", confidence %.2f", region.confidence()));
        if (region.author() != null) {
            note.append(", author ").append(region.author());
        }
        if (link.revision().status() != RevisionCheck.Status.MATCH) {
            note.append("; ").append(link.revision().message());
        }
        return new AlertAttribution(region.authorship().label(), region.tool(), region.model(), region.commit(),
                region.path(), region.startLine(), region.endLine(), note.toString());
    }

    private static List<String> frames(CallSite callSite) {
        List<String> frames = new ArrayList<>(callSite.frames());
        if (frames.isEmpty() && callSite.line() > 0) {
            frames.add(callSite.function() + "(" + callSite.file() + ":" + callSite.line() + ")");
        }
        return frames;
    }

    private static String sanitize(String service) {
        return service.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** {@code com.acme.Orders.find(Orders.java:42)} → class, file, line. */
    record Frame(String className, String file, int line) {
        static Frame parse(String frame) {
            int open = frame.indexOf('(');
            int close = frame.lastIndexOf(')');
            if (open <= 0 || close < open) {
                return null;
            }
            String method = frame.substring(0, open);
            int dot = method.lastIndexOf('.');
            if (dot <= 0) {
                return null;
            }
            String location = frame.substring(open + 1, close);
            int colon = location.lastIndexOf(':');
            if (colon <= 0) {
                return null;
            }
            try {
                return new Frame(method.substring(0, dot), location.substring(0, colon),
                        Integer.parseInt(location.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
