package dev.cadre.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSmokeIT {
    @TempDir Path home;

    @Test
    void seedCounts() throws Exception {
        var config = new ConfigLoader(Map.of()).load(home);
        try (Database db = Database.open(config, List.of());
             var c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from workflow_activity_templates a join workflow_templates t on t.id = a.template_id"
                     + " where t.code = 'test-cycle' and t.status = 'PUBLISHED'")) {
            rs.next();
            assertEquals(49, rs.getInt(1));
        }
    }

    /** Every statement from the pool has a deadline (a request thread never waits on a lock without end), migrations aside. */
    @Test
    void everyPooledConnectionHasAStatementTimeout() throws Exception {
        var config = new ConfigLoader(Map.of("CADRE_DB_POOL_SIZE", "4")).load(home);
        try (Database db = Database.open(config, List.of())) {
            List<java.sql.Connection> all = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    all.add(db.dataSource().getConnection()); // the whole pool, the connections Flyway used included
                }
                for (java.sql.Connection c : all) {
                    try (var s = c.createStatement(); var rs = s.executeQuery("SHOW statement_timeout")) {
                        rs.next();
                        assertEquals("1min", rs.getString(1));
                    }
                }
            } finally {
                for (java.sql.Connection c : all) {
                    c.close();
                }
            }
        }
    }

    /** Health asks {@code isUp}: it must say no within seconds, not after the work pool's 10 s connection timeout. */
    @Test
    void isUpSaysNoWithinSecondsOnceTheDatabaseIsGone() {
        var config = new ConfigLoader(Map.of()).load(home);
        try (Database db = Database.open(config, List.of())) {
            assertTrue(db.isUp());
            db.embedded().orElseThrow().close();
            long begin = System.nanoTime();
            assertFalse(db.isUp());
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "isUp answered in " + took.toMillis() + " ms");
        }
    }
}
