package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the console may send someone back to, and how the inbox says when a task is due. */
class ReturnPathTest {

    @Test
    void onlyPathsOfThisConsoleAreFollowed() {
        assertEquals(Optional.of("/tasks/WF-1/REVIEW?instance=a%20b"), ReturnPath.of("/tasks/WF-1/REVIEW?instance=a%20b"));
        assertEquals(Optional.of("/"), ReturnPath.of("/"));
        for (String away : new String[] {null, "", "https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example",
                "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "evil.example/x", "/login", "/login/sso", "/logout",
                "/" + "a".repeat(ReturnPath.MAX_LENGTH)}) {
            assertEquals(Optional.empty(), ReturnPath.of(away), String.valueOf(away));
        }
    }

    @Test
    void dueTimesReadRelative() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals("due in 3 h", Inbox.relative(now.plus(Duration.ofMinutes(210)), now));
        assertEquals("due in 45 min", Inbox.relative(now.plus(Duration.ofMinutes(45)), now));
        assertEquals("due in 1 day", Inbox.relative(now.plus(Duration.ofHours(30)), now));
        assertEquals("2 days overdue", Inbox.relative(now.minus(Duration.ofHours(50)), now));
        assertEquals("5 min overdue", Inbox.relative(now.minus(Duration.ofMinutes(5)), now));
        assertEquals("due now", Inbox.relative(now.plusSeconds(20), now));
        assertEquals("", Inbox.relative(null, now));
    }
}
