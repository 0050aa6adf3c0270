package dev.cadre.platform.users;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs sign-in password checks (bcrypt, about a quarter of a second of CPU each) on their own few threads,
 * so a flood of sign-ins cannot take the HTTP workers that serve {@code /api/health} and the API. At most
 * {@code threads} checks run at once and at most {@code waiting} more wait for a turn; beyond that a sign-in
 * is refused at once as {@link SignInBusyException}, costing nothing. A check for a name that does not exist
 * runs the same bcrypt against a dummy hash, on the same threads, so it costs the same time as a real one.
 *
 * <p>Idle threads end after a while: the executor needs no closing.
 */
final class PasswordChecks {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final PasswordHasher hasher;
    private final ThreadPoolExecutor executor;
    private final Semaphore admitted;

    /**
     * @param hasher  bcrypt
     * @param threads how many checks may run at once
     * @param waiting how many more may wait for a turn
     */
    PasswordChecks(PasswordHasher hasher, int threads, int waiting) {
        this.hasher = hasher;
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "cadre-password-check-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
        this.admitted = new Semaphore(threads + waiting);
    }

    /** @return checks for a host: half the processors (at least one) at once, four times as many waiting */
    static PasswordChecks forThisMachine(PasswordHasher hasher) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new PasswordChecks(hasher, threads, 4 * threads);
    }

    /**
     * @param hash     the stored hash, or {@code null} when the name has none (a dummy is checked instead)
     * @param password what was typed
     * @return whether they match
     * @throws SignInBusyException when too many checks are running and waiting already
     */
    boolean matches(String hash, char[] password) {
        if (!admitted.tryAcquire()) {
            throw new SignInBusyException();
        }
        try {
            Future<Boolean> check = executor.submit(() -> hasher.matches(hash, password));
            try {
                return check.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                check.cancel(true);
                throw new SignInBusyException();
            } catch (ExecutionException e) {
                throw new IllegalStateException("password check failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                check.cancel(true);
                throw new SignInBusyException();
            }
        } finally {
            admitted.release();
        }
    }
}
