package dev.cadre.platform.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SHA-256 sums of the plugin JARs an admin allows ({@code CADRE_PLUGINS_ALLOWLIST}). The file has one
 * sum per line, optionally followed by a file name as {@code sha256sum} prints it; {@code #} starts a
 * comment. Without a file every JAR may load.
 */
public final class PluginAllowlist {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Optional<Path> source;
    private final Set<String> sums;

    private PluginAllowlist(Optional<Path> source, Set<String> sums) {
        this.source = source;
        this.sums = Set.copyOf(sums);
    }

    /** @return an allow-list that allows every JAR */
    public static PluginAllowlist allowAll() {
        return new PluginAllowlist(Optional.empty(), Set.of());
    }

    /**
     * @param file the allow-list file, or empty to allow every JAR
     * @return the parsed allow-list
     * @throws IllegalArgumentException when a line is not a SHA-256 sum, naming file and line
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static PluginAllowlist load(Optional<Path> file) {
        if (file.isEmpty()) {
            return allowAll();
        }
        try {
            return parse(file.get(), Files.readAllLines(file.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin allow-list " + file.get(), e);
        }
    }

    static PluginAllowlist parse(Path file, List<String> lines) {
        Set<String> sums = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String sum = content.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(sum).matches()) {
                throw new IllegalArgumentException("plugin allow-list " + file + " line " + (i + 1)
                        + ": expected a SHA-256 sum (64 hex digits), found '" + content + "'");
            }
            sums.add(sum);
        }
        return new PluginAllowlist(Optional.of(file), sums);
    }

    /** @return whether only listed JARs may load */
    public boolean enforced() {
        return source.isPresent();
    }

    /**
     * @param sha256 a JAR's SHA-256, hex
     * @return whether that JAR may load
     */
    public boolean allows(String sha256) {
        return source.isEmpty() || (sha256 != null && sums.contains(sha256.toLowerCase(Locale.ROOT)));
    }

    /** @return the file the sums came from, if any */
    public Optional<Path> source() {
        return source;
    }
}
