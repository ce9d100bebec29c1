package dev.sinkwatch.collector.attribution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small lexer over Java and Kotlin source, enough to find: the package; the top-level type names (what a stack
 * frame's class name resolves through); and reader 4's in-source markers:
 * <ul>
 *   <li>comment markers {@code // @ai-generated begin tool=claude model=claude-sonnet-4-5} … {@code
 *   // @ai-generated end} (also {@code start}, in block comments, values optionally quoted); the marker must open
 *   its comment line; the region includes both marker lines;</li>
 *   <li>annotations on a type, method, constructor or field whose simple name is {@code AIGenerated} (any case,
 *   e.g. {@code AiGenerated}), with optional {@code tool=}, {@code model=}, {@code by=} or a single value; and
 *   {@code @Generated(by = "…")} (only with a {@code by} element, so javax {@code @Generated("mapstruct")} is not
 *   taken for AI). The region runs from the annotation to the end of the declaration it annotates.</li>
 * </ul>
 * It skips strings, text blocks, character literals and comments, so braces in them do not count. It is not a
 * parser: a declaration it cannot delimit yields no region rather than a wrong one.
 */
final class SourceScanner {
    private SourceScanner() {
    }

    /** A region an in-source marker claims. {@code how} is {@code comment} or {@code annotation}. */
    record MarkedSpan(int startLine, int endLine, String tool, String model, String how) {
    }

    record SourceInfo(String packageName, List<String> classes, List<MarkedSpan> spans, List<String> warnings) {
    }

    private enum Kind { IDENT, SYM, STRING }

    private record Tok(Kind kind, String text, int line) {
    }

    private record Comment(String text, int line) {
    }

    private static final Pattern MARKER =
            Pattern.compile("(?i)^[\\s*/]*@ai-generated[ \\t]+(begin|start|end)\\b(.*)");
    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s,*]+)");
    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record", "object");

    static SourceInfo scan(String fileName, String text) {
        List<Tok> toks = new ArrayList<>();
        List<Comment> comments = new ArrayList<>();
        lex(text, toks, comments);
        List<String> warnings = new ArrayList<>();
        boolean kotlin = fileName.endsWith(".kt") || fileName.endsWith(".kts");
        String pkg = packageOf(toks);
        Set<String> classes = new LinkedHashSet<>(topLevelTypes(toks, kotlin));
        if (kotlin) {
            // Top-level functions and properties compile to <FileName>Kt.
            String base = fileName.substring(fileName.lastIndexOf('/') + 1);
            base = base.substring(0, base.lastIndexOf('.'));
            if (!base.isEmpty()) {
                classes.add(Character.toUpperCase(base.charAt(0)) + base.substring(1) + "Kt");
            }
        }
        List<MarkedSpan> spans = new ArrayList<>();
        commentMarkers(comments, spans, warnings);
        annotationMarkers(toks, spans);
        return new SourceInfo(pkg, List.copyOf(classes), spans, warnings);
    }

    private static String packageOf(List<Tok> toks) {
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.kind == Kind.IDENT && t.text.equals("package")) {
                StringBuilder sb = new StringBuilder();
                for (int j = i + 1; j < toks.size(); j++) {
                    Tok u = toks.get(j);
                    if (u.kind == Kind.IDENT || u.text.equals(".")) {
                        sb.append(u.text);
                    } else {
                        break;
                    }
                    if (j + 1 < toks.size() && toks.get(j + 1).line != u.line && u.kind == Kind.IDENT) {
                        break; // Kotlin: no semicolon; the package clause ends at the line end
                    }
                }
                return sb.toString();
            }
            if (t.kind == Kind.IDENT && TYPE_KEYWORDS.contains(t.text)) {
                break;
            }
        }
        return "";
    }

    private static List<String> topLevelTypes(List<Tok> toks, boolean kotlin) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.kind == Kind.SYM) {
                if (t.text.equals("{")) {
                    depth++;
                } else if (t.text.equals("}")) {
                    depth = Math.max(0, depth - 1);
                }
                continue;
            }
            if (depth != 0 || t.kind != Kind.IDENT || !TYPE_KEYWORDS.contains(t.text)) {
                continue;
            }
            if (t.text.equals("object") && !kotlin) {
                continue;
            }
            Tok prev = i > 0 ? toks.get(i - 1) : null;
            if (prev != null && prev.text.equals(".")) {
                continue; // Foo.class
            }
            if (i + 1 >= toks.size() || toks.get(i + 1).kind != Kind.IDENT) {
                continue;
            }
            if (t.text.equals("record")) {
                Tok after = i + 2 < toks.size() ? toks.get(i + 2) : null;
                if (after == null || !(after.text.equals("(") || after.text.equals("<"))) {
                    continue; // "record" used as an identifier
                }
            }
            if (t.text.equals("object") && prev != null && prev.text.equals("companion")) {
                continue;
            }
            names.add(toks.get(i + 1).text);
        }
        return names;
    }

    private static void commentMarkers(List<Comment> comments, List<MarkedSpan> spans, List<String> warnings) {
        Deque<Object[]> open = new ArrayDeque<>();
        for (Comment c : comments) {
            String[] lines = c.text.split("\\R", -1);
            for (int k = 0; k < lines.length; k++) {
                Matcher m = MARKER.matcher(lines[k]);
                if (!m.find()) {
                    continue; // must open the comment line: prose that mentions the syntax is not a marker
                }
                int line = c.line + k;
                if (m.group(1).equalsIgnoreCase("end")) {
                    if (open.isEmpty()) {
                        warnings.add("line " + line + ": @ai-generated end without begin");
                        continue;
                    }
                    Object[] begin = open.pop();
                    Map<String, String> attrs = attrs((String) begin[1]);
                    spans.add(new MarkedSpan((Integer) begin[0], line, toolOf(attrs), modelOf(attrs), "comment"));
                } else {
                    open.push(new Object[] {line, m.group(2)});
                }
            }
        }
        for (Object[] begin : open) {
            warnings.add("line " + begin[0] + ": @ai-generated begin without end, ignored");
        }
    }

    private static Map<String, String> attrs(String text) {
        Map<String, String> attrs = new HashMap<>();
        Matcher a = ATTR.matcher(text);
        while (a.find()) {
            String v = a.group(2);
            if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            attrs.put(a.group(1).toLowerCase(Locale.ROOT), v);
        }
        return attrs;
    }

    private static String toolOf(Map<String, String> attrs) {
        String t = attrs.getOrDefault("tool", attrs.getOrDefault("by", attrs.get("value")));
        return ToolCatalog.normalizeTool(t);
    }

    private static String modelOf(Map<String, String> attrs) {
        String m = ToolCatalog.cleanModel(attrs.get("model"));
        if (m == null) {
            String t = attrs.getOrDefault("tool", attrs.getOrDefault("by", attrs.get("value")));
            m = ToolCatalog.modelFromText(t);
        }
        return m;
    }

    private static void annotationMarkers(List<Tok> toks, List<MarkedSpan> spans) {
        int parens = 0;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.text.equals("(") && t.kind == Kind.SYM) {
                parens++;
            } else if (t.text.equals(")") && t.kind == Kind.SYM) {
                parens = Math.max(0, parens - 1);
            }
            if (parens > 0 || t.kind != Kind.SYM || !t.text.equals("@") || i + 1 >= toks.size()) {
                continue;
            }
            // Qualified name: a.b.AIGenerated
            int j = i + 1;
            String simple = null;
            while (j < toks.size() && toks.get(j).kind == Kind.IDENT) {
                simple = toks.get(j).text;
                if (j + 1 < toks.size() && toks.get(j + 1).text.equals(".")) {
                    j += 2;
                } else {
                    j++;
                    break;
                }
            }
            if (simple == null || simple.equals("interface")) {
                continue;
            }
            Map<String, String> args = new HashMap<>();
            if (j < toks.size() && toks.get(j).text.equals("(")) {
                j = annotationArgs(toks, j, args);
            }
            String lower = simple.toLowerCase(Locale.ROOT);
            boolean ai = lower.equals("aigenerated") || (simple.equals("Generated") && args.containsKey("by"));
            if (!ai) {
                continue;
            }
            int end = declarationEnd(toks, j);
            if (end > 0) {
                spans.add(new MarkedSpan(t.line, end, toolOf(args), modelOf(args), "annotation"));
            }
        }
    }

    /** Reads {@code (k = "v", ...)} or {@code ("v")} starting at the '(' at {@code open}; returns the index after ')'. */
    private static int annotationArgs(List<Tok> toks, int open, Map<String, String> args) {
        int depth = 0;
        int j = open;
        for (; j < toks.size(); j++) {
            Tok u = toks.get(j);
            if (u.text.equals("(") && u.kind == Kind.SYM) {
                depth++;
            } else if (u.text.equals(")") && u.kind == Kind.SYM) {
                if (--depth == 0) {
                    return j + 1;
                }
            } else if (u.kind == Kind.STRING) {
                Tok prev = toks.get(j - 1);
                Tok key = j >= 2 ? toks.get(j - 2) : null;
                if (prev.text.equals("=") && key != null && key.kind == Kind.IDENT) {
                    args.put(key.text.toLowerCase(Locale.ROOT), u.text);
                } else if (prev.text.equals("(") || prev.text.equals("{")) {
                    args.putIfAbsent("value", u.text);
                }
            }
        }
        return j;
    }

    /** The last line of the declaration starting at {@code from}: its body's closing brace, or its ';'. 0 if none. */
    private static int declarationEnd(List<Tok> toks, int from) {
        int parens = 0;
        for (int j = from; j < toks.size(); j++) {
            Tok u = toks.get(j);
            if (u.kind != Kind.SYM) {
                continue;
            }
            switch (u.text) {
                case "(":
                    parens++;
                    break;
                case ")":
                    parens--;
                    break;
                case ";":
                    if (parens == 0) {
                        return u.line;
                    }
                    break;
                case "}":
                    if (parens == 0) {
                        return 0; // the enclosing body closed first: not a declaration we can delimit
                    }
                    break;
                case "{":
                    if (parens == 0) {
                        int depth = 0;
                        for (int k = j; k < toks.size(); k++) {
                            Tok w = toks.get(k);
                            if (w.kind == Kind.SYM && w.text.equals("{")) {
                                depth++;
                            } else if (w.kind == Kind.SYM && w.text.equals("}") && --depth == 0) {
                                return w.line;
                            }
                        }
                        return 0;
                    }
                    break;
                default:
                    break;
            }
        }
        return 0;
    }

    private static void lex(String s, List<Tok> toks, List<Comment> comments) {
        int line = 1;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int e = s.indexOf('\n', i);
                e = e < 0 ? n : e;
                comments.add(new Comment(s.substring(i + 2, e), line));
                i = e;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int e = s.indexOf("*/", i + 2);
                e = e < 0 ? n : e;
                String body = s.substring(i + 2, e);
                comments.add(new Comment(body, line));
                line += count(body, '\n');
                i = Math.min(n, e + 2);
            } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                int e = s.indexOf("\"\"\"", i + 3);
                e = e < 0 ? n : e;
                String body = s.substring(i + 3, e);
                toks.add(new Tok(Kind.STRING, body, line));
                line += count(body, '\n');
                i = Math.min(n, e + 3);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder();
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    if (s.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    sb.append(s.charAt(j));
                    j++;
                }
                if (c == '"') {
                    toks.add(new Tok(Kind.STRING, sb.toString(), line));
                }
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                toks.add(new Tok(Kind.IDENT, s.substring(i, j), line));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
                        || s.charAt(j) == '_')) {
                    j++;
                }
                i = j;
            } else {
                toks.add(new Tok(Kind.SYM, String.valueOf(c), line));
                i++;
            }
        }
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
