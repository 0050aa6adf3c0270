package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.InvalidParametersException;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A 100,000-instance fan-out, sized without running it: what the run hands each of its child-workflow
 * batches stays under {@link PayloadWatch#BOUND} (well under Temporal's 2 MB), whatever the fan-out's
 * size; and start parameters too big to carry are refused at the start with a clear message, not by
 * Temporal in the middle of the run. ({@code SplitFanOutIT} measures every payload of real 500 and
 * 10,000-instance runs.)
 */
class PayloadBoundTest {

    private static final int INSTANCES = 100_000;

    private final Template template = new TemplateDocuments().read(EngineFixture.read(Path.of("src/test/resources/templates", "wide-two-steps.json")));

    @Test
    void everyBatchOfAHundredThousandInstancesIsUnderTheBound() {
        PhaseTemplate phase = template.phases().get(0);
        List<ActivityTemplate> parallel = phase.activities().stream().filter(a -> List.of("TICK", "TOCK").contains(a.code())).toList();
        int size = SplitFanOut.batchSize(parallel);
        DefaultDataConverter converter = DefaultDataConverter.newDefaultInstance();
        long largest = 0;
        int batches = 0;
        Map<String, Object> batch = new LinkedHashMap<>();
        for (int i = 0; i < INSTANCES; i++) {
            batch.put("item-" + i, Map.of("id", "item-" + i, "owner", "owner-" + (i % 97)));
            if (batch.size() == size || i == INSTANCES - 1) {
                FanOutBatch input = new FanOutBatch("wide-two-steps-BIG-0123456789abcdef", "BIG", template, phase.name(), batch,
                        Math.max(1, 200 / 100), new StepKey("WORK_START", ""), List.of(), List.of(), true, false);
                largest = Math.max(largest, converter.toPayload(input).orElseThrow().getSerializedSize());
                batches++;
                batch = new LinkedHashMap<>();
            }
        }
        assertTrue(batches > 100, batches + " batches");
        assertTrue(largest < PayloadWatch.BOUND / 4, "largest batch input " + largest + " bytes");
    }

    /**
     * A fan-out over a parameter file: the start carries only the file's id, and the largest page the run reads
     * (one batch of the widest batching, every element as large as a file may hold) and the batch input built
     * from it stay under the bound (1 MiB, half of Temporal's 2 MB).
     */
    @Test
    void aHundredThousandElementFileTravelsAsAnIdAndBoundedPages() {
        DefaultDataConverter converter = DefaultDataConverter.newDefaultInstance();
        Map<String, Object> parameters = Map.of("items", Map.of(ParameterFiles.REFERENCE, "pf-0123456789abcdef0123456789abcdef",
                ParameterFiles.ELEMENTS, INSTANCES));
        long start = converter.toPayload(new WorkflowRequest("wide-two-steps", 1, "BIG", parameters, false)).orElseThrow().getSerializedSize();
        assertTrue(start < 1024, "a start naming a file is " + start + " bytes");

        PhaseTemplate phase = template.phases().get(0);
        List<ActivityTemplate> widest = phase.activities().stream().filter(a -> a.code().equals("TICK")).toList(); // one step: most instances per batch
        int size = SplitFanOut.batchSize(widest);
        List<Object> page = new java.util.ArrayList<>();
        Map<String, Object> batch = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String id = String.format("item-%06d", i);
            Map<String, Object> element = Map.of("id", id, "note", "x".repeat(ParameterFiles.MAX_ELEMENT_CHARS - 40));
            page.add(element);
            batch.put(id, element);
        }
        long pageBytes = converter.toPayload(page).orElseThrow().getSerializedSize();
        long batchBytes = converter.toPayload(new FanOutBatch("wide-two-steps-BIG-0123456789abcdef", "BIG", template, phase.name(), batch,
                2, new StepKey("WORK_START", ""), List.of(), List.of(), true, false)).orElseThrow().getSerializedSize();
        assertTrue(pageBytes < PayloadWatch.BOUND, size + " elements in a page: " + pageBytes + " bytes");
        assertTrue(batchBytes < PayloadWatch.BOUND, size + " instances in a batch input: " + batchBytes + " bytes");
    }

    @Test
    void startParametersTooBigToCarryAreRefusedClearly() {
        Map<String, Object> inline = Map.of("items", IntStream.range(0, INSTANCES).mapToObj(i -> "item-" + i).toList());
        InvalidParametersException refused = assertThrows(InvalidParametersException.class,
                () -> PayloadSize.checkStartParameters("wide-two-steps", inline));
        assertTrue(refused.getMessage().contains("upload the list as a parameter file"), refused.getMessage());

        // what passes the check fits in a payload under the bound, with room for the rest of the start input
        Map<String, Object> largestAccepted = Map.of("items", IntStream.range(0, 40_000).mapToObj(i -> "item-" + i).toList());
        PayloadSize.checkStartParameters("wide-two-steps", largestAccepted);
        long size = DefaultDataConverter.newDefaultInstance().toPayload(new WorkflowRequest("wide-two-steps", 1, "BIG", largestAccepted, false))
                .orElseThrow().getSerializedSize();
        assertTrue(size < PayloadWatch.BOUND, size + " bytes");
        assertEquals(PayloadWatch.BOUND, PayloadSize.MAX_START_PARAMETERS_BYTES, "the start check and the payload bound agree");
    }
}
