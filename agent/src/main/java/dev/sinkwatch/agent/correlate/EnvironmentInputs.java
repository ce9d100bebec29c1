package dev.sinkwatch.agent.correlate;

import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.normalize.ChildEnvironment;
import dev.sinkwatch.contract.SinkAttributes;

import java.util.List;
import java.util.Map;

/**
 * Command injection through a child's environment: a request input holding shell syntax (an operator, a quote, a
 * substitution, a newline) reaches the value of a variable the application set for the child. The child's script
 * reads it as {@code $NAME}, where an {@code eval}, a {@code sh -c "$NAME"} or a second shell gives it its syntax
 * back; a plain word ({@code New York}) in a variable is data and is not judged. The span is in the environment's
 * raw text {@code NAME=value ...} ({@link ChildEnvironment#raw}), written before the command.
 *
 * <p>Stateless and thread-safe; runs only for process starts on request threads with variables set.
 */
public final class EnvironmentInputs {
    private static final String SYNTAX = ";&|<>()$`\n'\"\\";

    private EnvironmentInputs() {
    }

    /** A verdict for the first input that qualifies, or null. */
    public static Verdict judge(Map<String, String> environment, RequestInputs inputs) {
        if (inputs == null || inputs.size() == 0) {
            return null;
        }
        List<String> names = ChildEnvironment.appSet(environment);
        if (names.isEmpty()) {
            return null;
        }
        int offset = 0;
        for (String name : names) {
            String value = environment.get(name);
            int valueStart = offset + name.length() + 1;
            for (int i = 0, n = inputs.size(); i < n; i++) {
                int at = inputs.indexIn(i, value, 0);
                if (at >= 0 && holdsSyntax(inputs.value(i))) {
                    return InputCorrelator.verdict(SinkAttributes.RULE_SHELL_INJECTION, inputs, i, valueStart + at,
                            valueStart + at + inputs.length(i), null);
                }
            }
            offset = valueStart + value.length() + 1;
        }
        return null;
    }

    private static boolean holdsSyntax(String input) {
        for (int i = 0; i < input.length(); i++) {
            if (SYNTAX.indexOf(input.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
