package dev.cadre.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The lean baseline's activities: what a user writes without Cadre. A plain status table, and per step
 * two autocommit statements ({@code INSERT ... RUNNING}, then {@code UPDATE ... COMPLETED}) around the
 * no-op work. No product code: this is what the engine's bookkeeping is measured against.
 */
final class LeanSteps implements StaticCycle.Steps {

    /** The lean workflow's own tables, made once by {@link #createTables}. */
    static final String RUNS = "bench_lean_runs";
    static final String STEPS = "bench_lean_steps";

    private final DataSource dataSource;

    LeanSteps(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the lean tables if they are missing. */
    static void createTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + RUNS + " (workflow_id text PRIMARY KEY, business_key text NOT NULL,"
                    + " status text NOT NULL, started_at timestamptz NOT NULL, completed_at timestamptz)");
            statement.execute("CREATE TABLE IF NOT EXISTS " + STEPS + " (workflow_id text NOT NULL, code text NOT NULL, instance text NOT NULL,"
                    + " status text NOT NULL, started_at timestamptz NOT NULL, completed_at timestamptz, PRIMARY KEY (workflow_id, code, instance))");
        }
    }

    @Override
    public void started(String workflowId, String runId, String businessKey) {
        update("INSERT INTO " + RUNS + " (workflow_id, business_key, status, started_at) VALUES (?, ?, 'RUNNING', now())"
                + " ON CONFLICT (workflow_id) DO NOTHING", workflowId, businessKey);
    }

    @Override
    public Map<String, Object> step(String workflowId, String phase, String code, String instance, String parentCode, String parentInstance) {
        update("INSERT INTO " + STEPS + " (workflow_id, code, instance, status, started_at) VALUES (?, ?, ?, 'RUNNING', now())"
                + " ON CONFLICT (workflow_id, code, instance) DO NOTHING", workflowId, code, instance);
        Map<String, Object> output = NoOpStepHandler.OUTPUT;
        update("UPDATE " + STEPS + " SET status = 'COMPLETED', completed_at = now() WHERE workflow_id = ? AND code = ? AND instance = ?",
                workflowId, code, instance);
        return output;
    }

    @Override
    public void ended(String workflowId) {
        update("UPDATE " + RUNS + " SET status = 'COMPLETED', completed_at = now() WHERE workflow_id = ?", workflowId);
    }

    private void update(String sql, String... values) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("lean step record failed: " + e.getMessage(), e);
        }
    }
}
