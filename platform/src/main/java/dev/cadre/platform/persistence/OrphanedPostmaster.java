package dev.cadre.platform.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a host that did not stop cleanly (SIGKILL, OOM kill, power loss) leaves in its embedded cluster's
 * data directory, before a new server starts there.
 *
 * <p>How ownership is told: zonky's {@code EmbeddedPostgres} holds an OS file lock on {@code epg-lock} in the
 * data directory for as long as its JVM lives; the OS drops it when that JVM dies, however it dies. So with the
 * lock free, a PostgreSQL still running on the directory belongs to nobody: zonky started it detached
 * ({@code pg_ctl start}) and it outlived its host. With the lock held, another live host uses the directory and
 * nothing is touched.
 *
 * <p>What is done, by what {@code postmaster.pid} names (the pid is checked, never trusted: pids get reused):
 * <ul>
 *   <li>a live {@code postgres} whose {@code -D} is this data directory: the orphan; stopped with SIGTERM (a smart
 *       shutdown, ending in a checkpoint), killed if it does not stop in time (PostgreSQL then recovers from its
 *       write-ahead log at the next start, as after a power loss);</li>
 *   <li>a pid no process has: left for PostgreSQL, which replaces a stale {@code postmaster.pid} itself after
 *       checking that no old server process still uses the cluster's shared memory;</li>
 *   <li>a live process that is something else (the pid was reused): the file is stale, but PostgreSQL would
 *       refuse to start over it, so it is removed; that process is never signalled.</li>
 * </ul>
 */
final class OrphanedPostmaster {

    /** The lock file zonky's {@code EmbeddedPostgres} keeps locked in the data directory while it runs. */
    static final String LOCK_FILE = "epg-lock";

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration SMART_STOP = Duration.ofSeconds(60);
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);

    private OrphanedPostmaster() {
    }

    /**
     * @param dataDirectory the cluster's data directory
     * @throws DatabaseException when another live host uses the directory, or an orphan cannot be stopped
     * @throws UncheckedIOException when the directory's files cannot be read
     */
    static void clear(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw inUse(dataDirectory, "by another embedded database of this process");
            }
            if (lock == null) {
                throw inUse(dataDirectory, "by another running Cadre host (it holds " + lockFile + ")");
            }
            try {
                Optional<PostmasterPid> pidFile = PostmasterPid.read(dataDirectory);
                if (pidFile.isPresent()) {
                    clear(pidFile.get(), dataDirectory);
                }
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + dataDirectory + " for an orphaned PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void clear(PostmasterPid pidFile, Path dataDirectory) throws IOException {
        Optional<ProcessHandle> process = pidFile.pid() > 0 ? ProcessHandle.of(pidFile.pid()).filter(ProcessHandle::isAlive) : Optional.empty();
        if (process.isEmpty()) {
            log.info("Found a stale {} in {}: no process has that pid any more (the host or the machine stopped without "
                    + "shutting PostgreSQL down); PostgreSQL replaces the file and recovers from its write-ahead log", pidFile, dataDirectory);
            return;
        }
        ProcessHandle postmaster = process.get();
        if (isPostmasterOf(postmaster, dataDirectory)) {
            stop(postmaster, pidFile, dataDirectory);
        } else {
            log.warn("Found a stale {} in {}: pid {} is now another process ({}), not PostgreSQL on this data directory "
                    + "(the pid was reused); removing the file, leaving that process alone", pidFile, dataDirectory,
                    postmaster.pid(), postmaster.info().command().orElse("command unknown"));
            Files.deleteIfExists(pidFile.file());
        }
    }

    /**
     * @param process       a live process
     * @param dataDirectory a cluster's data directory
     * @return whether the process is a {@code postgres} server started with {@code -D} on that directory
     */
    static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        Optional<String[]> arguments = info.arguments();
        if (command.isEmpty() || arguments.isEmpty()) {
            return false;
        }
        Path executable = Path.of(command.get());
        if (executable.getFileName() == null || !executable.getFileName().toString().startsWith("postgres")) {
            return false;
        }
        List<String> args = List.of(arguments.get());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String directory = arg.equals("-D") && i + 1 < args.size() ? args.get(i + 1)
                    : arg.startsWith("-D") && arg.length() > 2 ? arg.substring(2) : null;
            if (directory != null && sameDirectory(Path.of(directory), dataDirectory)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static void stop(ProcessHandle postmaster, PostmasterPid pidFile, Path dataDirectory) {
        log.warn("Found an orphaned embedded PostgreSQL on {}: {} is a live postgres on this data directory, but no host owns "
                + "it (its host was killed or lost); stopping it before starting a new one", dataDirectory, pidFile);
        long started = System.nanoTime();
        List<ProcessHandle> serverProcesses = postmaster.descendants().toList();
        postmaster.destroy(); // SIGTERM: smart shutdown; its clients died with the old host
        if (exited(postmaster, SMART_STOP)) {
            log.info("Stopped the orphaned PostgreSQL (pid {}) in {} ms", postmaster.pid(), (System.nanoTime() - started) / 1_000_000);
            return;
        }
        log.warn("The orphaned PostgreSQL (pid {}) did not stop within {} s of SIGTERM; killing it and its {} server processes "
                + "(PostgreSQL recovers from its write-ahead log at the next start)", postmaster.pid(), SMART_STOP.toSeconds(),
                serverProcesses.size());
        postmaster.destroyForcibly();
        serverProcesses.forEach(ProcessHandle::destroyForcibly);
        boolean gone = exited(postmaster, KILL_WAIT);
        for (ProcessHandle child : serverProcesses) {
            gone &= exited(child, KILL_WAIT);
        }
        if (!gone) {
            throw new DatabaseException("cannot stop the orphaned PostgreSQL (pid " + postmaster.pid() + ") on " + dataDirectory
                    + "; stop it by hand, then start the host again");
        }
    }

    private static boolean exited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static DatabaseException inUse(Path dataDirectory, String by) {
        return new DatabaseException("the embedded PostgreSQL data directory " + dataDirectory + " is in use " + by
                + "; stop that host first, or give this one its own CADRE_DATA_DIR");
    }
}
