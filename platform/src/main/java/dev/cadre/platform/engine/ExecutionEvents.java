package dev.cadre.platform.engine;

import java.time.Duration;

/** What {@link HandlerActivity} reports about handler executions (the metrics count them). */
public interface ExecutionEvents {

    /** Reports nothing (tools and tests that run an engine without metrics). */
    ExecutionEvents NONE = new ExecutionEvents() {
        @Override
        public void executed(String handler, String source, ExecutionOutcome outcome, Duration took) {
        }

        @Override
        public void handlerNotFound(String handler) {
        }
    };

    /**
     * @param handler the handler name
     * @param source  {@code builtin} or {@code pluginId@version}
     * @param outcome how the attempt ended
     * @param took    how long the handler ran
     */
    void executed(String handler, String source, ExecutionOutcome outcome, Duration took);

    /** @param handler a handler name no loaded plugin or built-in provides */
    void handlerNotFound(String handler);
}
