package dev.cadre.platform.engine;

/**
 * Every activity implementation a worker of the engine registers.
 *
 * @param handlers      the one dynamic activity: handler name = activity type
 * @param records       the workflow's bookkeeping (local activities)
 * @param availability  waits for a missing handler
 * @param notifications announces task events
 */
public record EngineActivities(HandlerActivity handlers, EngineRecords records, HandlerAvailability availability,
        TaskNotifications notifications) {
}
