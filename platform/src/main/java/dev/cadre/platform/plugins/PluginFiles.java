package dev.cadre.platform.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The plugins directory as files: what is there and under which names. */
final class PluginFiles {

    private PluginFiles() {
    }

    /**
     * What a file looked like when listed; a change of any part means its content may have changed
     * (the file key catches a file replaced by a rename with the same size and time).
     */
    record Stamp(long size, long modifiedMillis, Object fileKey) {
        boolean sameAs(Stamp other) {
            return other != null && size == other.size && modifiedMillis == other.modifiedMillis
                    && Objects.equals(fileKey, other.fileKey);
        }
    }

    /**
     * @param dir the plugins directory
     * @return file name -> stamp of every visible {@code *.jar} file in it (not hidden, not in subdirectories)
     * @throws IOException when the directory cannot be listed
     */
    static Map<String, Stamp> list(Path dir) throws IOException {
        Map<String, Stamp> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        files.put(name, new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis(),
                                attributes.fileKey()));
                    }
                } catch (NoSuchFileException e) {
                    // removed while listing: absent
                }
            }
        }
        return files;
    }

    /**
     * @param dir  the plugins directory
     * @param name a file name in it
     * @return its stamp now
     * @throws IOException when it cannot be read
     */
    static Stamp stamp(Path dir, String name) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class);
        return new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
    }

    /**
     * @param jar an inspected plugin JAR
     * @return the name the host stores it under: {@code <id>-<version>.jar}, never a name a client chose
     */
    static String fileNameFor(PluginJar jar) {
        return safeName(jar.id() + "-" + jar.version());
    }

    /**
     * @param base a name made from manifest values
     * @return it with anything but letters, digits, '.', '_' and '-' replaced, no leading dot, {@code .jar} added
     */
    static String safeName(String base) {
        String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "_");
        if (cleaned.length() > 150) {
            cleaned = cleaned.substring(0, 150);
        }
        return cleaned + ".jar";
    }
}
