package dev.cadre.platform.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.templates.TemplateEntities;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload larger than the heap is stored whole: it is spilled to disk as it arrives and streamed from
 * there to PostgreSQL, so memory does not grow with its size. Shown in a forked JVM whose heap
 * ({@value #HEAP}) is smaller than the upload ({@value #SIZE} bytes); reading it into memory first, as
 * uploads were stored before, runs out of memory in the same JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamedUploadIT {

    static final String HEAP = "-Xmx48m";
    static final long SIZE = 96L * 1024 * 1024;

    Database database;
    long runId;

    @BeforeAll
    void start(@TempDir Path home) {
        database = Database.open(new ConfigLoader(Map.of()).load(home), TemplateEntities.all());
        runId = ((Number) Sql.query(database.dataSource(), """
                INSERT INTO workflow_instances (workflow_id, run_id, template_id, template_code, template_version, business_key, status)
                SELECT 'upload-probe', 'r1', id, code, version, 'PROBE', 'RUNNING' FROM workflow_templates WHERE code = 'test-cycle'
                ORDER BY version LIMIT 1 RETURNING id""").get(0).get("id")).longValue();
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void anUploadLargerThanTheHeapIsStreamedToTheDatabase(@TempDir Path logs) throws Exception {
        Probe streamed = probe("streamed", logs);
        assertEquals(0, streamed.exit(), streamed.output());

        Map<String, Object> row = Sql.query(database.dataSource(),
                "SELECT size_bytes, sha256, length(bytes) AS stored FROM workflow_artifacts WHERE workflow_instance_id = ? AND name = 'big.bin'",
                runId).get(0);
        String expected = sha256OfGenerated();
        assertEquals(SIZE, ((Number) row.get("size_bytes")).longValue());
        assertEquals(SIZE, ((Number) row.get("stored")).longValue());
        assertEquals(expected, ((String) row.get("sha256")).trim());
        assertTrue(streamed.output().contains("sha256=" + expected), streamed.output());

        Probe buffered = probe("buffered", logs);
        assertNotEquals(0, buffered.exit(), "reading the upload into memory first does not fit that heap");
        assertTrue(buffered.output().contains("OutOfMemoryError"), buffered.output());
    }

    private record Probe(int exit, String output) {
    }

    private Probe probe(String mode, Path logs) throws Exception {
        HikariDataSource pool = (HikariDataSource) database.dataSource();
        Path log = logs.resolve(mode + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), UploadProbe.class.getName(),
                mode, pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(), Long.toString(runId), Long.toString(SIZE));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the " + mode + " probe did not end: " + Files.readString(log));
            }
            return new Probe(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String sha256OfGenerated() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream in = new DigestInputStream(UploadProbe.generated(SIZE), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
