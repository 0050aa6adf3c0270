package dev.cadre.platform.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the host knows about one JAR file in the plugins directory (or one upload being installed):
 * its stamp and inspected facts, and the outcome of the last attempt to start it.
 */
final class FileRecord {

    final String name;
    final PluginJar jar;
    final String sha256;
    PluginFiles.Stamp stamp;
    Path source;
    PluginStatus status = PluginStatus.FAILED;
    PluginProblem problem;
    String reason;
    List<String> handlers = List.of();
    /** Whether starting this content was tried; a failed attempt is retried only when something changed. */
    boolean attempted;

    FileRecord(String name, PluginFiles.Stamp stamp, Path source, PluginJar jar, String sha256) {
        this.name = name;
        this.stamp = stamp;
        this.source = source;
        this.jar = jar;
        this.sha256 = sha256;
    }

    String id() {
        return jar == null ? null : jar.id();
    }

    String label() {
        return jar == null ? name : jar.label();
    }

    boolean failed() {
        return status == PluginStatus.FAILED || status == PluginStatus.REJECTED;
    }

    /** @return whether status or reason changed */
    boolean mark(PluginStatus newStatus, PluginProblem newProblem, String newReason) {
        boolean changed = status != newStatus || !Objects.equals(reason, newReason);
        status = newStatus;
        problem = newProblem;
        reason = newReason;
        return changed;
    }

    PluginInfo info() {
        return jar == null
                ? new PluginInfo(null, null, null, null, status, problem, reason, name, sha256, handlers)
                : new PluginInfo(jar.id(), jar.version(), jar.provider(), jar.description(), status, problem, reason,
                        name, sha256, handlers);
    }
}
