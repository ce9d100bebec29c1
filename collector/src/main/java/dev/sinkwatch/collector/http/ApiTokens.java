package dev.sinkwatch.collector.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named bearer tokens, parsed from a {@code name:secret,name:secret} setting ({@code api.read-tokens},
 * {@code api.write-tokens}). The name is who acted: it is what an ack or approve records, never a field the caller
 * writes.
 *
 * <p>Concurrency: immutable.
 */
public final class ApiTokens {

    /** Shorter secrets are refused at start: a token on the network must not be guessable. */
    static final int MIN_SECRET_LENGTH = 16;

    private final Map<String, byte[]> secretsByName;

    private ApiTokens(Map<String, byte[]> secretsByName) {
        this.secretsByName = Map.copyOf(secretsByName);
    }

    /**
     * @param setting the setting's key, for messages
     * @throws IllegalArgumentException naming the setting and the entry that is wrong
     */
    public static ApiTokens parse(String setting, String value) {
        Map<String, byte[]> tokens = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return new ApiTokens(tokens);
        }
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException(setting + ": each token is name:secret, e.g. alice:"
                        + "3f9c...; got an entry " + (colon <= 0 ? "without a name" : "without a secret"));
            }
            String name = trimmed.substring(0, colon);
            String secret = trimmed.substring(colon + 1);
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(setting + ": the secret of token '" + name + "' is shorter than "
                        + MIN_SECRET_LENGTH + " characters (generate one with: openssl rand -hex 16)");
            }
            if (tokens.put(name, secret.getBytes(StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException(setting + ": token name '" + name + "' appears twice");
            }
        }
        return new ApiTokens(tokens);
    }

    public boolean isEmpty() {
        return secretsByName.isEmpty();
    }

    /** The name of the token whose secret this is, or null. Compares every secret in constant time. */
    String nameOf(String secret) {
        byte[] given = secret.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, byte[]> e : secretsByName.entrySet()) {
            if (MessageDigest.isEqual(e.getValue(), given)) {
                found = e.getKey();
            }
        }
        return found;
    }
}
