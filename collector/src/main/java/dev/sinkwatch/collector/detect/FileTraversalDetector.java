package dev.sinkwatch.collector.detect;

import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code file.traversal}: a path the agent saw with {@code ..} in it ({@code sinkwatch.path.traversal=true}), or any
 * access to a sensitive file — CRITICAL, no baseline needed.
 *
 * <p>Sensitive (matched on the folded path, lower-cased, {@code \} as {@code /}): account and sudo files
 * ({@code /etc/passwd}, {@code /etc/shadow}, {@code /etc/gshadow}, {@code /etc/sudoers*}, {@code /etc/master.passwd}),
 * process secrets ({@code /proc/<pid|self|*>/environ}, {@code cmdline}, {@code mem}), {@code /root/*}, SSH material
 * ({@code ~/.ssh/*}, {@code id_rsa}, {@code id_ed25519}, {@code authorized_keys}), cloud and tool credentials
 * ({@code .aws/credentials}, {@code .aws/config}, {@code .config/gcloud/*}, {@code .azure/*}, {@code .kube/config},
 * {@code .docker/config.json}, {@code .git-credentials}, {@code .netrc}, {@code .pgpass}, {@code .npmrc},
 * {@code .gnupg/*}), {@code .env} files, {@code .htpasswd}, shell histories, Kubernetes service-account secrets
 * ({@code /var/run/secrets/*}, {@code /run/secrets/*}), private keys and stores ({@code *.pem}, {@code *.key},
 * {@code *.p12}, {@code *.pfx}, {@code /etc/ssl/private/*}) and the classic Windows targets ({@code win.ini},
 * {@code system32/config/sam}, {@code boot.ini}). Java key stores ({@code *.jks}) are not on the list: services
 * read them at start-up all the time.
 *
 * <p>Example: {@code read /etc/passwd} → CRITICAL "Sensitive file read: /etc/passwd"; {@code read
 * /srv/app/reports/*.pdf} with {@code sinkwatch.path.traversal=true} → CRITICAL "Path traversal".
 */
final class FileTraversalDetector implements TargetRule {

    private static final Set<String> EXACT = Set.of("/etc/passwd", "/etc/shadow", "/etc/gshadow", "/etc/sudoers",
            "/etc/master.passwd", "/etc/security/opasswd", "/etc/krb5.keytab", "c:/windows/win.ini",
            "c:/boot.ini", "c:/windows/system32/config/sam", "c:/windows/repair/sam");
    private static final List<String> PREFIXES = List.of("/root/", "/etc/sudoers.d/", "/etc/ssl/private/",
            "/var/run/secrets/", "/run/secrets/", "/etc/kubernetes/pki/");
    private static final List<String> CONTAINS = List.of("/.ssh/", "/.aws/credentials", "/.aws/config",
            "/.config/gcloud/", "/.azure/", "/.kube/config", "/.docker/config.json", "/.git-credentials", "/.netrc",
            "/.pgpass", "/.npmrc", "/.gnupg/", "/system32/config/sam");
    private static final Pattern NAMES = Pattern.compile(
            "(?:^|/)(?:\\.env(?:\\.[^/]*)?|\\.htpasswd|id_rsa[^/]*|id_dsa[^/]*|id_ecdsa[^/]*|id_ed25519[^/]*"
                    + "|authorized_keys|\\.bash_history|\\.zsh_history|\\.mysql_history|\\.psql_history"
                    + "|[^/]+\\.pem|[^/]+\\.key|[^/]+\\.p12|[^/]+\\.pfx)$");
    private static final Pattern PROC = Pattern.compile("^/proc/(?:self|\\d+|\\*|thread-self)/(?:environ|cmdline|mem|"
            + "root/.*)$");

    public Detector detector() {
        return Detector.FILE_TRAVERSAL;
    }

    @Override
    public SinkKind kind() {
        return SinkKind.FILE;
    }

    /** Why {@code path} is sensitive, or null. */
    static String sensitive(String path) {
        String p = path.replace('\\', '/').toLowerCase(Locale.ROOT);
        if (EXACT.contains(p)) {
            return "system credential file";
        }
        for (String prefix : PREFIXES) {
            if (p.startsWith(prefix)) {
                return "secrets directory " + prefix;
            }
        }
        for (String part : CONTAINS) {
            if (p.contains(part)) {
                return "credential store " + part;
            }
        }
        if (procSecret(p)) {
            return "process secrets under /proc";
        }
        if (secretName(p)) {
            return "secret or key file";
        }
        return null;
    }

    // The two patterns are linear: NAMES is tried from '/' (or the start) only, and each attempt backtracks over
    // one path segment at most; tested by counting the characters read (LinearMatchingTest).
    static boolean procSecret(CharSequence lowerCasePath) {
        return PROC.matcher(lowerCasePath).matches();
    }

    static boolean secretName(CharSequence lowerCasePath) {
        return NAMES.matcher(lowerCasePath).find();
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != SinkKind.FILE) {
            return null;
        }
        String path = o.attributes().getOrDefault("file.path", o.target());
        boolean traversal = "true".equalsIgnoreCase(o.attributes().get(SinkAttributes.PATH_TRAVERSAL));
        String why = sensitive(path);
        if (!traversal && why == null) {
            return null;
        }
        String summary = (traversal ? "Path traversal (..) to " : "Sensitive file " + o.operation() + ": ")
                + Findings.shorten(path) + " at " + o.callSite().id();
        return Findings.of(detector(), Severity.CRITICAL, summary, o, ctx.nowMillis(),
                Findings.evidence("traversal", String.valueOf(traversal), "sensitive", why == null ? "no" : why,
                        "baseline", "day-0 rule, no baseline needed"));
    }
}
