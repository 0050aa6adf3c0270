package dev.cadre.platform.runs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One fan-out instance of a parallel activity.
 *
 * @param instanceId the instance key
 * @param status     its step status
 * @param execution  its record
 */
public record InstanceView(String instanceId, String status, @JsonUnwrapped Execution execution) {
}
