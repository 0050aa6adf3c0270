package dev.cadre.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cadre_tasks_waiting{role}} and {@code cadre_tasks_overdue{role}} from the run records, read at
 * most once per {@link #MAX_AGE} however often Prometheus scrapes (the inbox index answers it). A role
 * seen once stays at 0 when its tasks are done, so its series does not vanish.
 */
public final class TaskGauges {

    /** How long one reading of the records serves scrapes. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TaskGauges.class);
    private static final String NO_ROLE = "none";
    private static final String QUERY = """
            SELECT COALESCE(assignee_role, ''), count(*), count(*) FILTER (WHERE due_at < now())
            FROM workflow_activities WHERE status = 'WAITING' GROUP BY 1
            """;

    private final DataSource dataSource;
    private final Clock clock;
    private final MultiGauge waiting;
    private final MultiGauge overdue;
    private final Map<String, long[]> byRole = new TreeMap<>();
    private Instant readAt = Instant.MIN;

    /**
     * @param dataSource the host database
     * @param registry   where the gauges live
     * @param clock      decides when a reading is stale
     */
    public TaskGauges(DataSource dataSource, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.waiting = MultiGauge.builder("cadre.tasks.waiting").description("Manual tasks waiting for a person, by role").register(registry);
        this.overdue = MultiGauge.builder("cadre.tasks.overdue").description("Waiting manual tasks past their due time, by role").register(registry);
    }

    /** Reads the records again if the last reading is older than {@link #MAX_AGE}; a failed read keeps the last values. */
    public synchronized void refresh() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(MAX_AGE) < 0) {
            return;
        }
        readAt = now;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(QUERY);
             ResultSet rs = statement.executeQuery()) {
            byRole.replaceAll((role, counts) -> new long[2]);
            while (rs.next()) {
                String role = rs.getString(1).isEmpty() ? NO_ROLE : rs.getString(1);
                byRole.put(role, new long[] {rs.getLong(2), rs.getLong(3)});
            }
        } catch (SQLException e) {
            log.warn("Task gauges keep their last values: cannot read the run records ({})", e.getMessage());
            return;
        }
        waiting.register(rows(0), true);
        overdue.register(rows(1), true);
    }

    private List<MultiGauge.Row<?>> rows(int column) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byRole.forEach((role, counts) -> rows.add(MultiGauge.Row.of(Tags.of("role", role), counts[column])));
        return rows;
    }
}
