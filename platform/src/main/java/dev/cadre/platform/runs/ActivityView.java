package dev.cadre.platform.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * An activity of a run: a sequential one carries its execution's fields (once reached), a parallel one
 * the list of its instances.
 *
 * @param code          activity code
 * @param name          activity name
 * @param type          START, TASK, REVIEW, APPROVAL or COMPLETE
 * @param manual        whether a person completes it
 * @param executionMode sequential or parallel
 * @param handler       handler name
 * @param status        its status (a parallel one's: that of its least advanced instance)
 * @param execution     a reached sequential activity's record, else {@code null}
 * @param instances     a parallel activity's instances once reached (at most {@link #INSTANCES_SHOWN}, those needing
 *                      attention first), else {@code null}
 * @param instanceCount how many instances reached it, when it is parallel
 * @param instanceCounts how many of them are in each status, when it is parallel
 */
public record ActivityView(String code, String name, String type, boolean manual, String executionMode, String handler, String status,
                           @JsonUnwrapped Execution execution, @JsonInclude(Include.NON_NULL) List<InstanceView> instances,
                           @JsonInclude(Include.NON_NULL) Long instanceCount,
                           @JsonInclude(Include.NON_NULL) java.util.Map<String, Long> instanceCounts) {

    /** The most instances a run's detail lists per activity: a 100,000-instance fan-out is counted, not listed. */
    public static final int INSTANCES_SHOWN = 100;
}
