package dev.cadre.bench;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The largest payload a run put in Temporal: every input, result and marker of its own execution and of
 * each child workflow (a split fan-out's batches) it started, read back with the benchmark's Temporal client.
 */
final class HistoryPayloads {

    private final WorkflowClient client;

    HistoryPayloads(WorkflowClient client) {
        this.client = client;
    }

    /** @return the largest payload's size and where it is, and how many executions were read */
    String largest(String workflowId) {
        try {
            Largest largest = new Largest();
            List<String> executions = new ArrayList<>(List.of(workflowId));
            for (int i = 0; i < executions.size(); i++) {
                History history = client.fetchHistory(executions.get(i)).getHistory();
                for (HistoryEvent event : history.getEventsList()) {
                    largest.consider(event, executions.get(i));
                    if (event.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                        executions.add(event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
                    }
                }
            }
            return String.format("%,d bytes (%s), in %d executions", largest.bytes, largest.where, executions.size());
        } catch (RuntimeException e) {
            return "not read: " + e;
        }
    }

    /** The largest payload seen so far. */
    private static final class Largest {
        long bytes;
        String where = "none";

        void consider(HistoryEvent event, String execution) {
            List<Payloads> payloads = new ArrayList<>();
            if (event.hasWorkflowExecutionStartedEventAttributes()) {
                payloads.add(event.getWorkflowExecutionStartedEventAttributes().getInput());
            } else if (event.hasActivityTaskScheduledEventAttributes()) {
                payloads.add(event.getActivityTaskScheduledEventAttributes().getInput());
            } else if (event.hasActivityTaskCompletedEventAttributes()) {
                payloads.add(event.getActivityTaskCompletedEventAttributes().getResult());
            } else if (event.hasMarkerRecordedEventAttributes()) {
                payloads.addAll(event.getMarkerRecordedEventAttributes().getDetailsMap().values());
            } else if (event.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                payloads.add(event.getStartChildWorkflowExecutionInitiatedEventAttributes().getInput());
            } else if (event.hasChildWorkflowExecutionCompletedEventAttributes()) {
                payloads.add(event.getChildWorkflowExecutionCompletedEventAttributes().getResult());
            } else if (event.hasWorkflowExecutionCompletedEventAttributes()) {
                payloads.add(event.getWorkflowExecutionCompletedEventAttributes().getResult());
            } else if (event.hasWorkflowExecutionContinuedAsNewEventAttributes()) {
                payloads.add(event.getWorkflowExecutionContinuedAsNewEventAttributes().getInput());
            }
            for (Payloads each : payloads) {
                for (var payload : each.getPayloadsList()) {
                    if (payload.getSerializedSize() > bytes) {
                        bytes = payload.getSerializedSize();
                        where = event.getEventType().name().replace("EVENT_TYPE_", "").toLowerCase() + " in " + execution;
                    }
                }
            }
        }
    }
}
