package dev.sinkwatch.collector.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;

/**
 * Every detector, by its stable wire name (part of an alert's identity, in its JSON, in receivers' payloads and in
 * metric labels), and what approving one of its findings changes in the baseline. Findings carry it typed; only the
 * store and the API hold it as text.
 */
public enum Detector {
    SQL_INJECTION("sql.injection", Approval.TRUST_TARGET),
    FILE_TRAVERSAL("file.traversal", Approval.TRUST_TARGET),
    NET_SSRF("net.ssrf", Approval.TRUST_TARGET),
    PROCESS_SUSPICIOUS("process.suspicious", Approval.TRUST_TARGET),
    SHELL_INJECTION("shell.injection", Approval.TRUST_TARGET),
    DESERIALIZATION_GADGET("deserialization.gadget", Approval.TRUST_TARGET),
    JNDI_REMOTE("jndi.remote", Approval.TRUST_TARGET),
    LDAP_INJECTION("ldap.injection", Approval.TRUST_TARGET),
    XPATH_INJECTION("xpath.injection", Approval.TRUST_TARGET),
    /** A request input reached a sink's target where it changes its structure, by the agent's rule. */
    INPUT_SQL_INJECTION("input." + SinkAttributes.RULE_SQL_INJECTION, Approval.TRUST_TARGET),
    INPUT_SHELL_INJECTION("input." + SinkAttributes.RULE_SHELL_INJECTION, Approval.TRUST_TARGET),
    INPUT_FILE_TRAVERSAL("input." + SinkAttributes.RULE_FILE_TRAVERSAL, Approval.TRUST_TARGET),
    INPUT_NET_SSRF("input." + SinkAttributes.RULE_NET_SSRF, Approval.TRUST_TARGET),
    INPUT_JNDI_INJECTION("input." + SinkAttributes.RULE_JNDI_INJECTION, Approval.TRUST_TARGET),
    INPUT_LDAP_INJECTION("input." + SinkAttributes.RULE_LDAP_INJECTION, Approval.TRUST_TARGET),
    INPUT_XPATH_INJECTION("input." + SinkAttributes.RULE_XPATH_INJECTION, Approval.TRUST_TARGET),
    INPUT_DESERIALIZATION_BODY("input." + SinkAttributes.RULE_DESERIALIZATION_BODY, Approval.TRUST_TARGET),
    /** A rule this collector does not know (a newer agent's); the finding's evidence names it. */
    INPUT_OTHER("input.other", Approval.TRUST_TARGET),
    NOVELTY_JDBC("novelty.jdbc", Approval.TRUST_TARGET),
    NOVELTY_FILE("novelty.file", Approval.TRUST_TARGET),
    NOVELTY_NET("novelty.net", Approval.TRUST_TARGET),
    NOVELTY_PROCESS("novelty.process", Approval.TRUST_TARGET),
    NOVELTY_DESERIALIZATION("novelty.deserialization", Approval.TRUST_TARGET),
    NOVELTY_JNDI("novelty.jndi", Approval.TRUST_TARGET),
    NOVELTY_LDAP("novelty.ldap", Approval.TRUST_TARGET),
    NOVELTY_XPATH("novelty.xpath", Approval.TRUST_TARGET),
    STATS_RATE("stats.rate", Approval.RESTART_RATE),
    STATS_ERROR_RATE("stats.error_rate", Approval.RESTART_ERROR_RATE),
    /** p50 and p99 alike: approving restarts both. */
    STATS_LATENCY("stats.latency", Approval.RESTART_LATENCY);

    /** What approving a finding ("add to the baseline") does. */
    public enum Approval {
        /** The target joins the call site's trusted baseline; its fingerprint is no longer reported there. */
        TRUST_TARGET,
        /** The key's call-rate baseline restarts at the new level. */
        RESTART_RATE,
        /** The key's error-rate baseline restarts. */
        RESTART_ERROR_RATE,
        /** The key's p50 and p99 latency baselines restart. */
        RESTART_LATENCY
    }

    private final String wireName;
    private final Approval approval;

    Detector(String wireName, Approval approval) {
        this.wireName = wireName;
        this.approval = approval;
    }

    /** Also its JSON form (the finding journal): the wire name, never the constant's name. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Approval approval() {
        return approval;
    }

    /** Whether the finding comes from a request input the agent saw in the target ({@code input.*}). */
    public boolean fromRequestInput() {
        return wireName.startsWith("input.");
    }

    /** The detector of an agent's input rule ({@code sinkwatch.input.rule}); {@link #INPUT_OTHER} for one unknown. */
    public static Detector input(String rule) {
        String wire = "input." + rule;
        for (Detector d : values()) {
            if (d.wireName.equals(wire) && d != INPUT_OTHER) {
                return d;
            }
        }
        return INPUT_OTHER;
    }

    /** The novelty detector of a sink kind. */
    public static Detector novelty(SinkKind kind) {
        return switch (kind) {
            case JDBC -> NOVELTY_JDBC;
            case FILE -> NOVELTY_FILE;
            case NET -> NOVELTY_NET;
            case PROCESS -> NOVELTY_PROCESS;
            case DESERIALIZATION -> NOVELTY_DESERIALIZATION;
            case JNDI -> NOVELTY_JNDI;
            case LDAP -> NOVELTY_LDAP;
            case XPATH -> NOVELTY_XPATH;
        };
    }

    /** @throws IllegalArgumentException naming a wire name no detector has */
    @JsonCreator
    public static Detector fromWireName(String wireName) {
        for (Detector d : values()) {
            if (d.wireName.equals(wireName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown detector '" + wireName + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
