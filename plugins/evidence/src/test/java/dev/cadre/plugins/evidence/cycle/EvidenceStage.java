package dev.cadre.plugins.evidence.cycle;

import static dev.cadre.plugin.testkit.TestWorkflow.manual;

import dev.cadre.plugin.testkit.InMemoryArtifactStore;
import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.evidence.SendDataRequestHandler;
import dev.cadre.plugins.evidence.ValidateDataUploadHandler;
import dev.cadre.plugins.planning.cycle.SampleFiles;
import dev.cadre.plugins.planning.cycle.TemplateConfig;
import dev.cadre.plugins.support.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Phase 6 of the test cycle on the samples, per data owner: the request is sent, the owner uploads the
 * shipped {@code evidence/<owner>.csv} and declares its SHA-256 on completing UPLOAD_EVIDENCE, the upload
 * is validated and the evidence approved.
 */
public final class EvidenceStage {

    private EvidenceStage() {
    }

    /** @return the documents to test, as the phase-7 fan-out expression lists them */
    public static List<String> run(TestWorkflow run) throws Exception {
        List<String> owners = SampleFiles.owners();
        TestWorkflow.FanOut rfi = run.fanOut("Request for Information", owners);
        rfi.run("SEND_DATA_REQUEST", new SendDataRequestHandler(), TemplateConfig.of("SEND_DATA_REQUEST"));
        for (String owner : owners) {
            run.artifacts().putText("evidence/" + owner + ".csv", "text/csv", SampleFiles.read("evidence/" + owner + ".csv"));
        }
        rfi.complete("UPLOAD_EVIDENCE", owner -> manual("DONE", owner, Map.of("sha256", InMemoryArtifactStore.sha256(
                SampleFiles.read("evidence/" + owner + ".csv").getBytes(StandardCharsets.UTF_8)))));
        rfi.run("VALIDATE_DATA_UPLOAD", new ValidateDataUploadHandler(), TemplateConfig.of("VALIDATE_DATA_UPLOAD"));
        rfi.complete("REVIEW_EVIDENCE", owner -> manual("APPROVED", "reviewer", Map.of()));

        // outputs.VALIDATE_DATA_UPLOAD.map(o, outputs.VALIDATE_DATA_UPLOAD[o].documents).flatten()
        List<String> documents = new ArrayList<>();
        for (String owner : owners) {
            documents.addAll(Values.strings(run.instanceOutputs("VALIDATE_DATA_UPLOAD").get(owner), "documents", owner));
        }
        return documents;
    }
}
