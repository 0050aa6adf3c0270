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
    /**
     * The most bytes of JSON a run's start parameters may take. They travel in the workflow's input, its
     * start record and every continue-as-new: over this a start is refused with a clear message, never
     * by Temporal's 2 MB limit in the middle of a run.
     */
    static final int MAX_START_PARAMETERS_BYTES = 1024 * 1024;
    /** What a step write costs besides its output and texts: keys, status, handler, times. */
    private static final int WRITE_OVERHEAD = 400;

    private PayloadSize() {
    }

    /**
     * @param template   the template code, for the message
     * @param parameters start parameters
     * @throws dev.cadre.platform.templates.InvalidParametersException when they pass {@link #MAX_START_PARAMETERS_BYTES}
     */
    static void checkStartParameters(String template, java.util.Map<String, Object> parameters) {
        long size = of(parameters); // an estimate at 2 bytes a character: cheap, and never under the real size of ASCII JSON
        if (size > MAX_START_PARAMETERS_BYTES) {
            throw new dev.cadre.platform.templates.InvalidParametersException(template, java.util.List.of("parameters: about " + size
                    + " bytes as JSON, more than the " + MAX_START_PARAMETERS_BYTES + " a run carries (Temporal refuses payloads of 2 MB):"
                    + " upload the list as a parameter file (POST /api/parameter-files) and name it as {\"$file\": id}"));
        }
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
