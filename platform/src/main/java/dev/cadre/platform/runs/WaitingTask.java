package dev.cadre.platform.runs;

import dev.cadre.platform.users.Principal;
import java.util.List;

/**
 * A manual task of a run that waits for a person, with who it is for: the one rule of who may complete
 * it, or write the files it takes, is {@link #isFor}.
 *
 * @param workflowId the run
 * @param template   the run's template code
 * @param version    the run's template version
 * @param code       the activity code
 * @param instanceId its instance ({@code ""} when none)
 * @param roles      its role, then the roles it was escalated to
 * @param assignee   the person it is assigned to ({@code config.assignee} or the fan-out element's {@code assignee}), or {@code null}
 * @param round      the task's round: 1, or more when the work came back for rework (then its files may be uploaded again)
 */
public record WaitingTask(String workflowId, String template, int version, String code, String instanceId, List<String> roles, String assignee,
                          int round) {

    /** A task in its first round. */
    public WaitingTask(String workflowId, String template, int version, String code, String instanceId, List<String> roles, String assignee) {
        this(workflowId, template, version, code, instanceId, roles, assignee, 1);
    }

    /**
     * @param caller who wants to act on it
     * @return whether it is theirs: they hold one of its roles and, when it is assigned to a person, are
     *         that person (an escalation to a role opens it to that role's people)
     */
    public boolean isFor(Principal caller) {
        if (roles.stream().noneMatch(caller::hasRole)) {
            return false;
        }
        return assignee == null || assignee.equals(caller.username()) || roles.stream().skip(1).anyMatch(caller::hasRole);
    }

    /** @return {@code CODE} or {@code CODE[instance]}, for messages */
    public String step() {
        return instanceId.isEmpty() ? code : code + "[" + instanceId + "]";
    }
}
