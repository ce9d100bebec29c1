package dev.sinkwatch.agent.correlate;

import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.normalize.CommandShape;

import dev.sinkwatch.contract.SinkAttributes;

import java.util.List;

/**
 * Shell injection at the sink: does a request input land in a command where the shell reads it as more than one
 * argument's text?
 *
 * <p>In a shell's script ({@code sh -c}, {@code bash -lc}, {@code cmd /c}), each occurrence of the input is read
 * with the shell's quoting: the input is an injection when, inside its span, a quote opens or closes, an unquoted
 * operator or substitution appears ({@code ; & | < > ( ) $ `} or a newline), an unquoted space splits it into
 * extra words, a {@code $} or backtick appears inside double quotes, or it starts the script's first word (it
 * chooses the command). As a whole argument of a command run without a shell it is one argument whatever it holds
 * ({@code a; b} stays one argument); as the executable it chooses what runs. A path segment naming the command is
 * not choosing it: routes are often named after what they run ({@code /ping} runs {@code ping}).
 */
final class ShellQuoting {

    private static final String OPERATORS = ";&|<>()$`\n";

    private ShellQuoting() {
    }

    static Verdict judge(List<String> command, RequestInputs inputs) {
        if (command.isEmpty() || command.get(0) == null) {
            return null;
        }
        int scriptIndex = CommandShape.scriptIndex(command);
        String executable = command.get(0);
        String script = scriptIndex > 0 && scriptIndex < command.size() ? command.get(scriptIndex) : null;
        long mask = script == null ? 0 : RequestInputs.charMask(script);
        for (int i = 0, n = inputs.size(); i < n; i++) {
            // A route's path segment often names the command it runs (/ping runs ping): it chooses nothing.
            boolean route = inputs.isPath(i);
            if (!route && namesExecutable(executable, inputs, i)) {
                return InputCorrelator.verdict(SinkAttributes.RULE_SHELL_INJECTION, inputs, i, 0,
                        executable.length(), null);
            }
            if (script != null) {
                int length = inputs.length(i);
                int at = inputs.firstIndexIn(i, script, mask);
                for (int tries = 0; at >= 0 && tries < 8; tries++) {
                    if (breaksOut(script, at, at + length, !route)) {
                        return InputCorrelator.verdict(SinkAttributes.RULE_SHELL_INJECTION, inputs, i, at,
                                at + length, null);
                    }
                    at = inputs.indexIn(i, script, at + 1);
                }
            }
        }
        return null;
    }

    /** Whether the input is the executable, or its last path segment ({@code /usr/bin/<input>}). */
    private static boolean namesExecutable(String executable, RequestInputs inputs, int i) {
        int length = inputs.length(i);
        int from = executable.length() - length;
        return from >= 0 && (from == 0 || executable.charAt(from - 1) == '/')
                && inputs.indexIn(i, executable, from) == from;
    }

    /** Reads {@code script} with POSIX quoting up to {@code end}; true when the span holds active syntax. */
    static boolean breaksOut(String script, int start, int end, boolean commandWordCounts) {
        char quote = 0;
        boolean firstWord = true;
        for (int i = 0; i < end; i++) {
            char c = script.charAt(i);
            boolean inSpan = i >= start;
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                    if (inSpan) {
                        return true;
                    }
                }
                continue;
            }
            if (c == '\\' && quote == 0) {
                i++; // the next character is literal
                continue;
            }
            if (quote == '"') {
                if (c == '"' || c == '$' || c == '`') {
                    if (inSpan) {
                        return true;
                    }
                    if (c == '"') {
                        quote = 0;
                    }
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                if (inSpan) {
                    return true;
                }
                quote = c;
                continue;
            }
            if (OPERATORS.indexOf(c) >= 0 || c == ' ' || c == '\t') {
                if (inSpan) {
                    return true;
                }
                if (c != ' ' && c != '\t') {
                    firstWord = true;
                } else if (i > 0 && script.charAt(i - 1) != ' ') {
                    firstWord = false;
                }
                continue;
            }
            if (commandWordCounts && inSpan && i == start && firstWord && (i == 0 || " \t;&|(".indexOf(script.charAt(i - 1)) >= 0)) {
                return true; // the input is the command word
            }
        }
        return false;
    }
}
