package dev.cadre.plugin.testkit;

import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugin.api.ArtifactStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * An {@link ArtifactStore} in memory, with the host's rules: names of 1 to 200 characters of letters,
 * digits, {@code . _ -} and {@code /}; SHA-256 computed on put; putting the same content again is a
 * no-op (the stored artifact is returned unchanged and no write is counted).
 *
 * <p>Besides the API it offers what tests need: {@link #putText}, {@link #text}, {@link #digests()} to
 * compare two runs, and {@link #writeCount()} to prove a retry rewrote nothing.
 */
public final class InMemoryArtifactStore implements ArtifactStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/-]{1,200}");

    private final Map<String, Artifact> artifacts = new ConcurrentHashMap<>();
    private int writes;

    @Override
    public synchronized Artifact put(String name, String contentType, byte[] content) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid artifact name '" + name
                    + "': use 1 to 200 characters of letters, digits, . _ - and /");
        }
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("artifact '" + name + "' needs a content type");
        }
        byte[] copy = content.clone();
        String sha256 = sha256(copy);
        Artifact existing = artifacts.get(name);
        if (existing != null && existing.sha256().equals(sha256) && existing.contentType().equals(contentType)) {
            return existing;
        }
        Artifact stored = new Artifact(name, contentType, copy, sha256);
        artifacts.put(name, stored);
        writes++;
        return stored;
    }

    /**
     * Stores UTF-8 text.
     *
     * @param name        the artifact name
     * @param contentType its MIME type
     * @param text        the content
     * @return the stored artifact
     */
    public Artifact putText(String name, String contentType, String text) {
        return put(name, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Artifact> get(String name) {
        return Optional.ofNullable(artifacts.get(name));
    }

    /**
     * @param name an artifact that must exist
     * @return its content as UTF-8 text
     * @throws AssertionError when there is no such artifact
     */
    public String text(String name) {
        return get(name).orElseThrow(() -> new AssertionError("no artifact '" + name + "'; have " + list())).text();
    }

    @Override
    public List<String> list() {
        return new ArrayList<>(new TreeMap<>(artifacts).keySet());
    }

    /** @return artifact name to SHA-256, sorted by name: equal maps mean equal stores */
    public Map<String, String> digests() {
        Map<String, String> digests = new LinkedHashMap<>();
        new TreeMap<>(artifacts).forEach((name, artifact) -> digests.put(name, artifact.sha256()));
        return digests;
    }

    /** @return how many puts changed the store (same-content puts do not count) */
    public synchronized int writeCount() {
        return writes;
    }

    /** @return a new store holding the same artifacts (for running a handler twice on the same inputs) */
    public InMemoryArtifactStore copy() {
        InMemoryArtifactStore copy = new InMemoryArtifactStore();
        copy.artifacts.putAll(artifacts);
        return copy;
    }

    /**
     * @param content bytes
     * @return their lower-case hex SHA-256, as the host computes it
     */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
