package dev.cadre.platform.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the plugins directory and reports the JAR files that are settled: a file counts once its size,
 * modification time and file key are the same in two polls in a row, so a JAR still being copied in is
 * not read half-written. Polling (rather than a WatchService) sees every change the same way on every
 * file system, and the stability check needs the periodic look anyway.
 */
final class DirectoryWatcher {

    /** Receives the settled files and the names present at all (a name present but unsettled is left alone). */
    interface Listener {
        void changed(Map<String, PluginFiles.Stamp> settled, Set<String> present);
    }

    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final Path dir;
    private final Listener listener;
    private Map<String, PluginFiles.Stamp> previousPoll = Map.of();
    private Map<String, PluginFiles.Stamp> lastSettled;
    private Set<String> lastPresent;
    private String lastError;

    DirectoryWatcher(Path dir, Listener listener) {
        this.dir = dir;
        this.listener = listener;
    }

    /**
     * @param scheduler runs the polls (one at a time)
     * @param interval  time between polls; a new file is picked up after two to three intervals
     */
    void start(ScheduledExecutorService scheduler, Duration interval) {
        scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look at the directory; never throws (not even an {@link Error}), so the schedule keeps running. */
    void poll() {
        try {
            Map<String, PluginFiles.Stamp> now = PluginFiles.list(dir);
            Map<String, PluginFiles.Stamp> settled = new HashMap<>();
            now.forEach((name, stamp) -> {
                if (stamp.sameAs(previousPoll.get(name))) {
                    settled.put(name, stamp);
                }
            });
            previousPoll = now;
            if (!settled.equals(lastSettled) || !now.keySet().equals(lastPresent)) {
                Set<String> present = Set.copyOf(now.keySet());
                listener.changed(Map.copyOf(settled), present);
                lastSettled = settled;
                lastPresent = present;
            }
            lastError = null;
        } catch (Throwable e) {
            // an Error must not escape either: the executor would cancel every later poll
            String error = e.toString();
            if (e instanceof VirtualMachineError) {
                log.error("Plugins directory {}: the JVM failed while applying its changes: {}", dir, error);
            } else if (!error.equals(lastError)) {
                log.warn("Plugins directory {}: cannot apply its changes: {}", dir, error);
            }
            lastError = error;
        }
    }
}
