package dev.cadre.platform.runs;

/** Someone else holds the task's claim: they are working on it, so another person's claim or completion is refused (409). */
public final class TaskClaimedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String holder;

    /**
     * @param step   the task, {@code CODE} or {@code CODE[instance]}
     * @param holder who holds it
     */
    public TaskClaimedException(String step, String holder) {
        super(step + " is claimed by '" + holder + "'; they must unclaim it (or an admin) before anyone else works on it");
        this.holder = holder;
    }

    /** @return the username of whoever holds the claim */
    public String holder() {
        return holder;
    }
}
