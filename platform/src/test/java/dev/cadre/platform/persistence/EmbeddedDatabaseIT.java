package dev.cadre.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL against real servers and real processes: password authentication, durability
 * settings, the in-place upgrade of a cluster made by an older host (trust, no password), and starts over an
 * orphaned server or a stale {@code postmaster.pid}.
 */
class EmbeddedDatabaseIT {

    @TempDir Path state;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** zonky made pg-runtime 0777 without the sticky bit: any local user could swap the binaries the host executes. */
    @Test
    void theDataDirectoryAndEverythingUnderItIsOwnerOnly() throws Exception {
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stray = Files.writeString(state.resolve("left-by-someone.txt"), "x");
        Files.setPosixFilePermissions(stray, PosixFilePermissions.fromString("rw-rw-rw-"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(state)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("pg-runtime"))));
            List<String> open = new ArrayList<>();
            try (Stream<Path> all = Files.walk(state)) {
                all.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
                    try {
                        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                        if (!mode.endsWith("------")) {
                            open.add(state.relativize(p) + " " + mode);
                        }
                    } catch (java.io.IOException e) {
                        // removed by PostgreSQL while walking
                    }
                });
            }
            assertEquals(List.of(), open, "group or other may touch these");
        }
    }

    @Test
    void everyConnectionNeedsThePasswordKeptOwnerOnlyAndCommitsAreDurable() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(state)) {
            Path passwordFile = state.resolve("pg.password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            assertEquals(db.password(), Files.readString(passwordFile).trim());
            assertTrue(db.password().length() >= 40, "32 random bytes, base64");

            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl()).close());
            assertTrue(isAuthenticationFailure(refused), refused.getSQLState() + " " + refused.getMessage());
            SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "guess").close());
            assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());

            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                assertEquals("on", show(c, "fsync"));
                assertEquals("on", show(c, "synchronous_commit"));
                assertEquals("on", show(c, "full_page_writes"));
                assertEquals("scram-sha-256", show(c, "password_encryption"));
            }
            String hba = Files.readString(db.dataDirectory().resolve("pg_hba.conf"));
            assertFalse(hba.lines().filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains("trust")), hba);
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(state)) {
            assertEquals(Files.readString(state.resolve("pg.password")).trim(), again.password(), "the password is kept");
            query(again, "SELECT 1");
        }
    }

    @Test
    void upgradesAClusterOfTheOldBuildInPlaceKeepingItsData() throws Exception {
        // what the previous host made: zonky's initdb (trust for every local connection), no password file
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(state.resolve("pg")).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(Files.createDirectories(state.resolve("pg-runtime")).toFile()).start();
             Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('from the old build')");
        }
        assertFalse(Files.exists(state.resolve("pg.password")));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(state)) {
            assertEquals("from the old build", query(db, "SELECT v FROM kept"));
            assertTrue(Files.isRegularFile(state.resolve("pg.password")));
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl()).close());
            assertTrue(isAuthenticationFailure(refused), refused.getMessage());
        }
    }

    @Test
    void stopsAnOrphanedServerOnItsDataDirectoryBeforeStarting() throws Exception {
        EmbeddedDatabase.start(state).close();
        Path cluster = state.resolve("pg");
        // a server no JVM owns, as a killed host leaves it: started detached by pg_ctl
        List<String> command = new ArrayList<>(program("pg_ctl"));
        command.addAll(List.of("-D", cluster.toString(), "-o", "-p " + freePort() + " -c listen_addresses=localhost", "-w", "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(state.resolve("pg_ctl.log").toFile()).start();
        assertTrue(pgCtl.waitFor(60, TimeUnit.SECONDS) && pgCtl.exitValue() == 0, Files.readString(state.resolve("pg_ctl.log")));
        long orphanPid = PostmasterPid.read(cluster).orElseThrow().pid();
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        started.add(orphan);
        assertTrue(OrphanedPostmaster.isPostmasterOf(orphan, cluster), "the orphan is recognised by its command line");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(state)) {
            assertFalse(orphan.isAlive(), "the orphaned server was stopped");
            assertEquals("1", query(db, "SELECT 1"));
            assertTrue(PostmasterPid.read(cluster).orElseThrow().pid() != orphanPid);
        }
    }

    @Test
    void aStalePostmasterPidNeverBlocksTheStartAndAReusedPidIsNeverSignalled() throws Exception {
        EmbeddedDatabase.start(state).close();
        Path pidFile = state.resolve("pg").resolve("postmaster.pid");

        // the pid of a process that has ended: what a power loss leaves
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        writePidFile(pidFile, ended.pid());
        try (EmbeddedDatabase db = EmbeddedDatabase.start(state)) {
            assertEquals("1", query(db, "SELECT 1"));
        }

        // the pid now belongs to an unrelated live process: it must survive, and the start must succeed
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        started.add(unrelated.toHandle());
        writePidFile(pidFile, unrelated.pid());
        assertFalse(OrphanedPostmaster.isPostmasterOf(unrelated.toHandle(), state.resolve("pg")));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(state)) {
            assertEquals("1", query(db, "SELECT 1"));
            assertTrue(unrelated.isAlive(), "a process that merely has the recorded pid is never signalled");
        }
    }

    private void writePidFile(Path pidFile, long pid) throws Exception {
        Files.writeString(pidFile, pid + "\n" + pidFile.getParent() + "\n1700000000\n54321\n/tmp\nlocalhost\n  5432001   1\nready   \n",
                StandardCharsets.UTF_8);
    }

    private List<String> program(String name) throws Exception {
        Path bin;
        try (Stream<Path> dirs = Files.list(state.resolve("pg-runtime"))) {
            Optional<Path> dir = dirs.filter(d -> d.getFileName().toString().startsWith("PG-")).findFirst();
            bin = dir.orElseThrow().resolve("bin");
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve(name).toString());
        return command;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isAuthenticationFailure(SQLException e) {
        // 28P01 = wrong password; 08004 = the server asked for a password the client does not have
        return "28P01".equals(e.getSQLState()) || "08004".equals(e.getSQLState())
                || String.valueOf(e.getMessage()).contains("password");
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String query(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
