package dev.cadre.platform.runs;

/** The task is not the caller's: they lack its role, or it is assigned to another person (and they are no admin, who may override). */
public final class TaskForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String missingRole;

    /** @param missingRole the task's role, which the caller does not hold */
    public TaskForbiddenException(String missingRole) {
        this("this needs the role '" + missingRole + "'", missingRole);
    }

    private TaskForbiddenException(String message, String missingRole) {
        super(message);
        this.missingRole = missingRole;
    }

    /**
     * @param assignee the person the task is assigned to
     * @return the refusal of someone else who holds the task's role
     */
    public static TaskForbiddenException assignedTo(String assignee) {
        return new TaskForbiddenException("this task is assigned to '" + assignee + "'", "admin");
    }

    /** @return the role that would allow it (the task's; {@code admin} for a task assigned to someone else) */
    public String missingRole() {
        return missingRole;
    }
}
