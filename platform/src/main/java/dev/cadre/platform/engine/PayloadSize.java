package dev.cadre.platform.engine;

import java.util.Collection;
import java.util.Map;

/**
 * Estimates how many bytes a value takes as JSON, cheaply and deterministically (usable in workflow
 * code), so that no payload the engine builds nears Temporal's 2 MB limit.
 */
final class PayloadSize {

    /** The most bytes of step changes one activity carries or one local activity writes. */
    static final int MAX_STEP_CHANGES_BYTES = 512 * 1024;
    /** What a step write costs besides its output and texts: keys, status, handler, times. */
    private static final int WRITE_OVERHEAD = 400;

    private PayloadSize() {
    }

    /** @return the estimated JSON size of one step write */
    static long of(StepWrite write) {
        return WRITE_OVERHEAD + of(write.output()) + of(write.error()) + of(write.comment());
    }

    /** @return the estimated JSON size of a JSON-compatible value (strings counted as if every character took 2 bytes) */
    static long of(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return 2L + 2L * text.length();
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += of(String.valueOf(entry.getKey())) + 2 + of(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> items) {
            long size = 2;
            for (Object item : items) {
                size += of(item) + 1;
            }
            return size;
        }
        return 24;
    }
}
