package dev.cadre.platform.api;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditEvent;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/audit?since=&actor=&type=&limit=&cursor=}: the platform's audit log, newest first, a
 * page at a time. {@code since} is an ISO-8601 duration back from now ({@code P30D}) or an instant;
 * {@code cursor} is the previous page's {@code nextCursor}.
 */
final class AuditResource {

    static final int DEFAULT_LIMIT = 100;

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    void list(Call call) {
        int limit = call.queryInt("limit", DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT);
        AuditQuery query = new AuditQuery(since(call.query("since").orElse(null), Instant.now()), call.query("actor").orElse(null),
                type(call.query("type").orElse(null)), limit + 1, cursor(call.query("cursor").orElse(null)));
        List<AuditEvent> found = audit.find(query);
        List<AuditEvent> page = found.size() > limit ? found.subList(0, limit) : found;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page);
        body.put("nextCursor", found.size() > limit ? String.valueOf(page.get(page.size() - 1).id()) : null);
        call.respond(200, body);
    }

    /**
     * @param raw an ISO-8601 duration back from {@code now} ({@code P30D}, {@code PT1H}) or an instant, or {@code null}
     * @param now the time a duration counts back from
     * @return the earliest time wanted, or {@code null}
     * @throws ApiException 400 when it is neither
     */
    static Instant since(String raw, Instant now) {
        if (raw == null) {
            return null;
        }
        try {
            Duration back = Duration.parse(raw);
            if (back.isNegative()) {
                throw new DateTimeParseException("negative", raw, 0);
            }
            return now.minus(back);
        } catch (DateTimeParseException notDuration) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw new ApiException(400, "invalid_parameter", "query parameter 'since' must be an ISO-8601 duration such as P30D or an instant "
                        + "such as 2026-12-01T00:00:00Z, got '" + raw + "'", Map.of("parameter", "since"));
            }
        }
    }

    private static String type(String raw) {
        if (raw == null) {
            return null;
        }
        return AuditAction.of(raw).map(AuditAction::code).orElseThrow(() -> {
            List<String> allowed = Arrays.stream(AuditAction.values()).map(AuditAction::code).toList();
            return new ApiException(400, "invalid_parameter", "query parameter 'type' must be one of " + allowed + ", got '" + raw + "'",
                    Map.of("parameter", "type", "allowed", allowed));
        });
    }

    private static Long cursor(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long id = Long.parseLong(raw);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_parameter", "query parameter 'cursor' must be a nextCursor of an earlier page, got '" + raw + "'",
                    Map.of("parameter", "cursor"));
        }
    }
}
