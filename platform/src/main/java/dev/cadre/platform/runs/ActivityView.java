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
 * @param instances     a parallel activity's instances once reached, else {@code null}
 */
public record ActivityView(String code, String name, String type, boolean manual, String executionMode, String handler, String status,
                           @JsonUnwrapped Execution execution, @JsonInclude(Include.NON_NULL) List<InstanceView> instances) {
}
