package dev.sinkwatch.collector.detect;

import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code process.suspicious}: a shell, a download or network tool, or an interpreter running inline code was
 * executed — CRITICAL, no baseline needed (approve the call site's command if it is legitimate).
 *
 * <p>Judged on the command shape ({@code /usr/bin/curl -s <url>}): the executable's base name (lower case,
 * {@code .exe} dropped), looking through wrappers ({@code env}, {@code sudo}, {@code nohup}, {@code timeout},
 * {@code nice}, {@code setsid}, {@code stdbuf}, {@code busybox}) when the shape still names the wrapped program
 * (the agent folds a path argument to {@code <path>}; with {@code sinkwatch.capture.raw=true} the raw command
 * line in {@code sinkwatch.target.raw} is judged too). Shells: {@code sh}, {@code bash}, {@code dash},
 * {@code zsh}, {@code ksh}, {@code csh}, {@code tcsh}, {@code fish}, {@code ash}, {@code cmd}, {@code powershell},
 * {@code pwsh}. Download and network tools: {@code curl}, {@code wget}, {@code nc}, {@code ncat}, {@code netcat},
 * {@code socat}, {@code telnet}, {@code ssh}, {@code scp}, {@code sftp}, {@code ftp}, {@code tftp}, {@code rsync},
 * {@code certutil}, {@code bitsadmin}, {@code mshta}, {@code rundll32}, {@code regsvr32}. Inline code:
 * {@code python -c}, {@code perl -e}, {@code ruby -e}, {@code node -e}, {@code php -r}, {@code lua -e}.
 *
 * <p>Example: {@code /bin/sh -c <arg>} → CRITICAL "Shell executed"; {@code /usr/bin/convert <path> <path>} → nothing.
 */
final class SuspiciousProcessDetector implements TargetRule {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish",
            "ash", "cmd", "powershell", "pwsh");
    private static final Set<String> NETWORK_TOOLS = Set.of("curl", "wget", "nc", "ncat", "netcat", "socat",
            "telnet", "ssh", "scp", "sftp", "ftp", "tftp", "rsync", "certutil", "bitsadmin", "mshta", "rundll32",
            "regsvr32");
    /** Interpreter → the flags that run code given on the command line. */
    private static final Map<String, Set<String>> INLINE_CODE = Map.of(
            "python", Set.of("-c"), "perl", Set.of("-e", "-E"), "ruby", Set.of("-e"), "node", Set.of("-e", "--eval",
                    "-p"), "php", Set.of("-r"), "lua", Set.of("-e"), "osascript", Set.of("-e"));
    private static final Set<String> WRAPPERS = Set.of("env", "sudo", "nohup", "timeout", "nice", "setsid", "stdbuf",
            "busybox", "ionice", "chroot", "doas");

    public Detector detector() {
        return Detector.PROCESS_SUSPICIOUS;
    }

    @Override
    public SinkKind kind() {
        return SinkKind.PROCESS;
    }

    /** Why the command shape is suspicious, or null. */
    static String classify(String commandShape, String executableName) {
        List<String> tokens = Arrays.stream(commandShape.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (tokens.isEmpty()) {
            return null;
        }
        String exe = baseName(executableName != null && !executableName.isBlank() ? executableName : tokens.get(0));
        String why = program(exe, tokens, 0);
        if (why != null || !WRAPPERS.contains(exe)) {
            return why;
        }
        // A wrapper: the wrapped program is one of the following words (flag values are indistinguishable from it).
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("-") || t.startsWith("<") || t.contains("=")) {
                continue;
            }
            why = program(baseName(t), tokens, i);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static String program(String exe, List<String> tokens, int at) {
        if (SHELLS.contains(exe)) {
            return "shell " + exe;
        }
        if (NETWORK_TOOLS.contains(exe)) {
            return "download/network tool " + exe;
        }
        Set<String> flags = INLINE_CODE.get(exe.replaceAll("[0-9.]+$", ""));
        if (flags != null) {
            for (int j = at + 1; j < tokens.size(); j++) {
                if (flags.contains(tokens.get(j))) {
                    return "inline code " + exe + " " + tokens.get(j);
                }
            }
        }
        return null;
    }

    static String baseName(String path) {
        String p = path.replace('\\', '/');
        String name = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != SinkKind.PROCESS) {
            return null;
        }
        String why = classify(o.target(), o.attributes().get("process.executable.name"));
        String raw = o.attributes().get(SinkAttributes.TARGET_RAW);
        if (why == null && raw != null && !raw.isBlank()) {
            why = classify(raw, null); // sinkwatch.capture.raw=true: the wrapped program is visible
        }
        if (why == null) {
            return null;
        }
        String label = why.startsWith("shell") ? "Shell executed" : why.startsWith("inline") ? "Inline code executed"
                : "Download/network tool executed";
        return Findings.of(detector(), Severity.CRITICAL, label + ": " + Findings.shorten(o.target()) + " at "
                        + o.callSite().id(), o, ctx.nowMillis(),
                Findings.evidence("reason", why, "baseline", "day-0 rule, no baseline needed"));
    }
}
