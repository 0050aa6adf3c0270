package dev.cadre.platform.runs;

/** The caller lacks the role a task is assigned to (and is no admin, who may override). */
public final class TaskForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String missingRole;

    /** @param missingRole the task's role, which the caller does not hold */
    public TaskForbiddenException(String missingRole) {
        super("this needs the role '" + missingRole + "'");
        this.missingRole = missingRole;
    }

    /** @return the task's role */
    public String missingRole() {
        return missingRole;
    }
}
