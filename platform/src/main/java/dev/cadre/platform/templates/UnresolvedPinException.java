package dev.cadre.platform.templates;

import java.util.List;

/** Publishing refused: an activity's {@code handlerVersion} range matches no enabled release of its plugin. */
public final class UnresolvedPinException extends RuntimeException {

    private final List<String> steps;

    /**
     * @param message what was refused and why
     * @param steps   one sentence per step, naming the step, the handler and the range
     */
    public UnresolvedPinException(String message, List<String> steps) {
        super(message);
        this.steps = List.copyOf(steps);
    }

    /** @return one sentence per unresolved step */
    public List<String> steps() {
        return steps;
    }
}
