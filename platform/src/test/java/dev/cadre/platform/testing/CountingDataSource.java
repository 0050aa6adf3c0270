package dev.cadre.platform.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A real {@link DataSource} (the host's HikariCP pool) seen through a JDBC proxy that counts what reaches
 * the database: statement executions (a batch counts once: the driver sends it in one round trip),
 * commits, rollbacks and connections taken. It changes nothing of what it forwards.
 */
public final class CountingDataSource {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch");

    private final DataSource target;
    private final DataSource proxy;
    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Map<String, AtomicLong> bySql = new ConcurrentHashMap<>();

    /** @param target the real data source */
    public CountingDataSource(DataSource target) {
        this.target = target;
        this.proxy = proxy(DataSource.class, target, (method, args, result) -> {
            if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
                return proxy(Connection.class, result, this::onConnection);
            }
            return result;
        });
    }

    /** @return the data source to hand to the code under test */
    public DataSource dataSource() {
        return proxy;
    }

    /** @return the data source itself, for the test's own queries (not counted) */
    public DataSource target() {
        return target;
    }

    /** @return statement executions so far (each one database round trip) */
    public long executions() {
        return executions.get();
    }

    /** @return commits so far */
    public long commits() {
        return commits.get();
    }

    /** @return rollbacks so far */
    public long rollbacks() {
        return rollbacks.get();
    }

    /** @return connections taken from the pool so far */
    public long connections() {
        return connections.get();
    }

    /** @return executions per statement (its first line, trimmed), for a failure message */
    public Map<String, Long> bySql() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        bySql.forEach((sql, count) -> copy.put(sql, count.get()));
        return copy;
    }

    /** Starts counting from zero. */
    public void reset() {
        executions.set(0);
        commits.set(0);
        rollbacks.set(0);
        connections.set(0);
        bySql.clear();
    }

    private Object onConnection(Method method, Object[] args, Object result) {
        switch (method.getName()) {
            case "commit" -> commits.incrementAndGet();
            case "rollback" -> rollbacks.incrementAndGet();
            case "prepareStatement", "prepareCall" -> {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, result, (m, a, r) -> onStatement(m, a, r, sql));
            }
            case "createStatement" -> {
                return proxy(Statement.class, result, (m, a, r) -> onStatement(m, a, r, a != null && a.length > 0 && a[0] instanceof String s ? s : "statement"));
            }
            default -> {
            }
        }
        return result;
    }

    private Object onStatement(Method method, Object[] args, Object result, String sql) {
        if (EXECUTIONS.contains(method.getName())) {
            executions.incrementAndGet();
            String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
            bySql.computeIfAbsent(firstLine(text), k -> new AtomicLong()).incrementAndGet();
        }
        return result;
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }

    /** What to do after a call was forwarded: may replace its result. */
    @FunctionalInterface
    private interface After {
        Object after(Method method, Object[] args, Object result) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.after(method, args, result);
        };
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
