package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.templates.TemplateEntities;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console sessions in PostgreSQL: two {@link Sessions} over one database are two hosts of a cluster. */
class SessionsIT {

    @TempDir
    static Path home;
    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(new ConfigLoader(Map.of()).load(home), TemplateEntities.all());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aSignInOnOneHostIsAcceptedByAnotherAndEndsEverywhereAtOnce() throws Exception {
        Sessions host1 = new Sessions(database.dataSource(), Clock.systemUTC());
        Sessions host2 = new Sessions(database.dataSource(), Clock.systemUTC());
        Sessions.Session opened = host1.open("dana");
        Sessions.Session other = host1.open("dana");
        Sessions.Session someoneElse = host2.open("eli");

        Sessions.Session found = host2.find(opened.id()).orElseThrow();
        assertEquals("dana", found.username());
        assertTrue(found.csrfMatches(opened.csrf()), "the form token travels with the session");
        try (Connection connection = database.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM console_sessions WHERE id_sha256 = '"
                     + opened.id() + "' OR username = '" + opened.id() + "'")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "the session id itself is never stored");
        }

        assertEquals(2, host2.endAllFor("dana"));
        assertTrue(host1.find(opened.id()).isEmpty());
        assertTrue(host1.find(other.id()).isEmpty());
        assertTrue(host1.find(someoneElse.id()).isPresent(), "other people stay signed in");
    }

    @Test
    void anIdleSessionEndsOnEveryHost() {
        Instant signIn = Instant.parse("2026-01-05T09:00:00Z");
        Sessions then = new Sessions(database.dataSource(), Clock.fixed(signIn, ZoneOffset.UTC));
        Sessions.Session session = then.open("fay");
        Sessions later = new Sessions(database.dataSource(), Clock.fixed(signIn.plus(Sessions.IDLE).plus(Duration.ofSeconds(1)), ZoneOffset.UTC));
        assertTrue(later.find(session.id()).isEmpty());
        assertTrue(then.find(session.id()).isEmpty(), "an ended session is gone for every host");
    }
}
