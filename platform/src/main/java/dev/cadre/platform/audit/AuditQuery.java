package dev.cadre.platform.audit;

import java.time.Instant;

/**
 * A page of the audit log, newest first.
 *
 * @param since  only events at or after this, or {@code null}
 * @param actor  only this actor's events, or {@code null}
 * @param action only this action ({@link AuditAction#code()}), or {@code null}
 * @param limit  at most this many
 * @param before only events older than this id (the previous page's cursor), or {@code null}
 */
public record AuditQuery(Instant since, String actor, String action, int limit, Long before) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;
}
