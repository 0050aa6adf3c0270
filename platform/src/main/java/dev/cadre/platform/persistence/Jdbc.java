package dev.cadre.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Plain JDBC where Hibernate adds nothing: one short transaction per call, rolled back on any failure. */
public final class Jdbc {

    private Jdbc() {
    }

    /** Work on one connection. @param <T> what it returns */
    @FunctionalInterface
    public interface Work<T> {
        /** @param connection an open connection @return the result @throws SQLException as JDBC does */
        T run(Connection connection) throws SQLException;
    }

    /**
     * @param dataSource where to connect
     * @param what       what the work is, for the error message ("run record write")
     * @param work       the work, in one transaction
     * @param <T>        its result type
     * @return what the work returned
     * @throws DatabaseException when the database fails; the transaction is rolled back
     */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed: " + e.getMessage(), e);
        }
    }
}
