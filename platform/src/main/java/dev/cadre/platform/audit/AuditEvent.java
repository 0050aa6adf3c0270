package dev.cadre.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One recorded change to the platform, as read back.
 *
 * @param id       its place in the log (increasing)
 * @param at       when it was recorded
 * @param actor    who did it
 * @param action   what was done ({@link AuditAction#code()})
 * @param target   what it was done to ({@code plugin:evidence}, {@code user:rita}, {@code workflow:...})
 * @param before   the relevant state before, or {@code null}
 * @param after    the relevant state after, or {@code null}
 * @param client   the client's address, or {@code null}
 * @param override whether someone acted for another person (a task not theirs, a token for someone else)
 */
public record AuditEvent(long id, Instant at, String actor, String action, String target, JsonNode before, JsonNode after, String client,
        boolean override) {
}
