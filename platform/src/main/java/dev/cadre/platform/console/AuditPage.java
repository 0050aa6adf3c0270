package dev.cadre.platform.console;

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

/** The audit log for auditors and admins: newest first, filtered by window, actor and action, a page at a time. */
final class AuditPage {

    static final int PAGE = 50;
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final AuditLog audit;
    private final Pages pages;

    AuditPage(AuditLog audit, Pages pages) {
        this.audit = audit;
        this.pages = pages;
    }

    /** A row of the table. */
    record Row(long id, String at, String actor, String action, String target, String before, String after, String client, boolean override) {
    }

    /** A choice of the action filter. */
    record Choice(String value, boolean selected) {
    }

    void show(Visit visit) {
        String since = visit.query("since").orElse(DEFAULT_WINDOW.toString());
        Duration window;
        try {
            window = Duration.parse(since);
        } catch (DateTimeParseException e) {
            throw ConsoleException.badRequest("The window is an ISO-8601 duration such as P30D or PT12H.");
        }
        String actor = visit.query("actor").orElse(null);
        String type = visit.query("type").orElse(null);
        if (type != null && AuditAction.of(type).isEmpty()) {
            throw ConsoleException.badRequest("There is no action '" + type + "'.");
        }
        Long before = null;
        if (visit.query("cursor").isPresent()) {
            try {
                before = Long.parseLong(visit.query("cursor").get());
            } catch (NumberFormatException e) {
                throw ConsoleException.badRequest("That page does not exist.");
            }
        }
        List<AuditEvent> found = audit.find(new AuditQuery(Instant.now().minus(window.abs()), actor, type, PAGE + 1, before));
        List<AuditEvent> page = found.size() > PAGE ? found.subList(0, PAGE) : found;
        List<Row> rows = page.stream().map(e -> new Row(e.id(), Formats.time(e.at()), e.actor(), e.action(), Formats.text(e.target()),
                e.before() == null ? "" : e.before().toString(), e.after() == null ? "" : e.after().toString(), Formats.text(e.client()),
                e.override())).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("since", since);
        model.put("actor", actor == null ? "" : actor);
        model.put("types", Arrays.stream(AuditAction.values()).map(a -> new Choice(a.code(), a.code().equals(type))).toList());
        model.put("events", rows);
        model.put("empty", rows.isEmpty());
        model.put("olderHref", found.size() > PAGE ? "/audit?since=" + Links.encode(since) + (actor == null ? "" : "&actor=" + Links.encode(actor))
                + (type == null ? "" : "&type=" + Links.encode(type)) + "&cursor=" + page.get(page.size() - 1).id() : "");
        pages.render(visit, 200, "audit", "Audit log", model);
    }
}
