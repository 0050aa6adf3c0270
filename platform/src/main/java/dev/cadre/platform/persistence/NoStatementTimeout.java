package dev.cadre.platform.persistence;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Lifts the pool's statement timeout on each connection Flyway opens: a migration of a large history may
 * take longer than any request should. (Flyway's {@code initSql} did this, and is deprecated.)
 */
final class NoStatementTimeout implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_CONNECT;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("SET statement_timeout = 0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lift the statement timeout for the migrations: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "cadre-no-statement-timeout";
    }
}
