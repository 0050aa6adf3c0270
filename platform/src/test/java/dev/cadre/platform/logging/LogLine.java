package dev.cadre.platform.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Writes one line as a handler's would (workflowId and activity in the MDC), in a JVM of its own. */
public final class LogLine {

    private LogLine() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("cadre.handler.LogLineHandler");
        MDC.put("workflowId", "wf-log-1");
        MDC.put("activity", "GENERATE_REPORT[finance]");
        log.info("report generated with {} sections", 7);
        MDC.clear();
    }
}
