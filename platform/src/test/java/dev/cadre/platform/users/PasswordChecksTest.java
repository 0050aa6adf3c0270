package dev.cadre.platform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most N bcrypt checks at once, a few more waiting, the rest refused at once; unknown names checked on the same threads. */
class PasswordChecksTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void checksBeyondTheRunningAndWaitingSlotsAreRefusedAtOnce() throws Exception {
        PasswordChecks checks = new PasswordChecks(hasher, 1, 1);
        String hash = hasher.hash("right-password-1".toCharArray());
        ExecutorService callers = Executors.newFixedThreadPool(6);
        AtomicInteger busy = new AtomicInteger();
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(callers.submit(() -> {
                    try {
                        return checks.matches(hash, "right-password-1".toCharArray());
                    } catch (SignInBusyException e) {
                        busy.incrementAndGet();
                        return null;
                    }
                }));
            }
            int checked = 0;
            for (Future<Boolean> answer : answers) {
                Boolean right = answer.get();
                if (right != null) {
                    assertTrue(right);
                    checked++;
                }
            }
            assertTrue(busy.get() > 0, "with 1 running and 1 waiting, some of 6 at once are refused");
            assertEquals(6, checked + busy.get());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anUnknownNameIsCheckedAgainstADummyAndFails() throws ExecutionException, InterruptedException {
        PasswordChecks checks = new PasswordChecks(hasher, 1, 0);
        assertFalse(checks.matches(null, "whatever-password".toCharArray()));
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("cadre-password-check-")),
                "bcrypt ran on the checks' own thread");
    }
}
