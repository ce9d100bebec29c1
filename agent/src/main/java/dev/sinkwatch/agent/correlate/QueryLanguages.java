package dev.sinkwatch.agent.correlate;

import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.contract.SinkAttributes;

/**
 * Injection into the query languages other than SQL, judged like SQL: an input is an injection where it lands across
 * the target's structure rather than inside one value.
 *
 * <ul>
 *   <li>LDAP search filters: the input holds a parenthesis, a {@code & | !} operator or a match operator of the
 *       filter, or spans an attribute and its value ({@link LdapTokens}); a value with a wildcard ({@code *}) does
 *       not change the filter's structure and is not judged here.</li>
 *   <li>XPath expressions: the input spans more than one token, or closes its string literal
 *       ({@link XPathTokens}).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; allocates only when it finds something.
 */
final class QueryLanguages {
    /** Occurrences of one input tried per target (a short value may occur often). */
    private static final int TRIES = 8;

    private QueryLanguages() {
    }

    static Verdict ldap(String filter, RequestInputs inputs) {
        long mask = RequestInputs.charMask(filter);
        for (int i = 0, n = inputs.size(); i < n; i++) {
            int length = inputs.length(i);
            int at = inputs.firstIndexIn(i, filter, mask);
            for (int tries = 0; at >= 0 && tries < TRIES; tries++) {
                if (LdapTokens.crossesStructure(filter, at, at + length)) {
                    return InputCorrelator.verdict(SinkAttributes.RULE_LDAP_INJECTION, inputs, i, at, at + length,
                            null);
                }
                at = inputs.indexIn(i, filter, at + 1);
            }
        }
        return null;
    }

    static Verdict xpath(String expression, RequestInputs inputs) {
        long mask = RequestInputs.charMask(expression);
        for (int i = 0, n = inputs.size(); i < n; i++) {
            int length = inputs.length(i);
            int at = inputs.firstIndexIn(i, expression, mask);
            for (int tries = 0; at >= 0 && tries < TRIES; tries++) {
                if (XPathTokens.tokensIn(expression, at, at + length) > 1) {
                    return InputCorrelator.verdict(SinkAttributes.RULE_XPATH_INJECTION, inputs, i, at, at + length,
                            null);
                }
                at = inputs.indexIn(i, expression, at + 1);
            }
        }
        return null;
    }
}
