package dev.cadre.platform.engine;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Announces task events to people: a webhook and e-mail to the role's users. Best effort: it never holds up a run. */
@ActivityInterface(namePrefix = "Cadre")
public interface TaskNotifications {

    /** @param notice what happened; fails (and is retried a few times) when a configured channel cannot be reached */
    @ActivityMethod
    void announce(TaskNotice notice);
}
