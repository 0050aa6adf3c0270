package dev.cadre.platform.engine;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded Temporal server (the Java test server) from slowing down over long runs.
 *
 * <p>Its time-skipping timer records every lock and unlock in a debugging list that is never trimmed
 * (unlock events are only appended) and is searched linearly, under the server's one global lock, each
 * time a lock handle is released. With every activity adding entries, each later request pays for all
 * earlier ones. This swaps that list for one that keeps nothing: the list only feeds a diagnostics dump,
 * and removing an event from it only checks balance, which the timer's own lock counter already tracks.
 * Reflection on a pinned test-server version: if the internals differ, the server runs unmodified and a
 * warning says so.
 */
final class EmbeddedTemporalFix {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalFix.class);

    private EmbeddedTemporalFix() {
    }

    /** A lock-event list that stores nothing and accepts every removal. */
    static final class DiscardingList extends LinkedList<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean add(Object event) {
            return true;
        }

        @Override
        public boolean remove(Object event) {
            return true;
        }
    }

    /**
     * @param services the test server's services, before they serve requests
     * @return whether the fix was applied
     */
    static boolean apply(TestServicesStarter services) {
        try {
            Object timer = read(services, "selfAdvancingTimer");
            Field events = timer.getClass().getDeclaredField("lockEvents");
            events.setAccessible(true);
            Object lock = read(timer, "lock");
            ((java.util.concurrent.locks.Lock) lock).lock();
            try {
                events.set(timer, new DiscardingList());
            } finally {
                ((java.util.concurrent.locks.Lock) lock).unlock();
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not trim the embedded Temporal server's lock-event list ({}); it will slow down over long runs", e.toString());
            return false;
        }
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
