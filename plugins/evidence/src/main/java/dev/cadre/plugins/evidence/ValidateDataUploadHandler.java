package dev.cadre.plugins.evidence;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugin.api.UploadCheck;
import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.Csv;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.DataRequest;
import dev.cadre.plugins.support.DocumentKey;
import dev.cadre.plugins.support.Hashing;
import dev.cadre.plugins.support.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * VALIDATE_DATA_UPLOAD, once per data owner: checks the owner's upload {@code <evidencePrefix><owner>.csv}
 * (config {@code evidencePrefix}, default {@code evidence/}) against the request: the SHA-256 the owner
 * declared when completing UPLOAD_EVIDENCE ({@code data.evidence}, the form's file field, or {@code data.sha256} from
 * older clients; optional: the file's SHA-256 is computed
 * and recorded either way, and every later step re-checks it), the requested columns, a
 * document name and sample id on every row, and every requested sample id in every document. Bad
 * evidence fails non-retryably with type {@code InvalidEvidence}, naming file, line and column.
 *
 * <p>Output: {@code owner}, {@code artifact}, {@code sha256}, {@code checksumVerified}, {@code rows},
 * {@code documents} (globally unique keys {@code <owner>/<document>}: the Test Execution phase fans
 * out over them), {@code coverage} (document key to the attributes it holds values for),
 * {@code uncovered} (requested attributes no document holds), {@code usedArtifacts} (the evidence file
 * to its SHA-256: the host keeps it write-once from then on).
 *
 * <p>As an {@link UploadCheck} it runs the same checks (the file against the owner's request) on the owner's
 * file when it is submitted, so a bad file is refused on the task page; the declared checksum is not checked
 * then (the completion declaring it comes after the upload).
 */
public final class ValidateDataUploadHandler implements ActivityHandler, UploadCheck {

    @Override
    public String name() {
        return "ValidateDataUploadHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("owner", Shapes.field("string"), "artifact", Shapes.field("string"), "sha256", Shapes.field("string"), "checksumVerified", Shapes.field("boolean"),
                "rows", Shapes.field("number"), "documents", Shapes.list(Map.of("type", "string")), "coverage", Shapes.field("object"), "uncovered", Shapes.list(Map.of("type", "string")), "usedArtifacts", Shapes.field("object"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        String owner = Owner.of(context);
        String prefix = Values.string(context.config(), "evidencePrefix", ArtifactNames.EVIDENCE_PREFIX, "config");
        String name = ArtifactNames.evidence(prefix, owner);
        Artifact upload = context.artifacts().get(name).orElseThrow(() -> EvidenceValidator.invalid(
                "evidence " + name + " was not uploaded before UPLOAD_EVIDENCE was completed"));
        String sha256 = Hashing.sha256Hex(upload.content());
        boolean verified = verifyChecksum(context, upload, sha256);
        DataRequest request = DataRequest.load(context, owner);
        EvidenceValidator.Documents documents = EvidenceValidator.validate(parse(upload), request);

        Map<String, Object> coverage = new LinkedHashMap<>();
        documents.coverage().forEach((doc, attributes) -> coverage.put(new DocumentKey(owner, doc).toString(), attributes));
        List<String> uncovered = new ArrayList<>(request.attributes());
        documents.coverage().values().forEach(uncovered::removeAll);

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("owner", owner);
        output.put("artifact", name);
        output.put("sha256", sha256);
        output.put("checksumVerified", verified);
        output.put("rows", documents.rows());
        output.put("documents", List.copyOf(coverage.keySet()));
        output.put("coverage", coverage);
        output.put("uncovered", uncovered);
        output.put(ArtifactNames.USED_ARTIFACTS, Map.of(name, sha256));
        if (!uncovered.isEmpty()) {
            context.log().warn("{}: no document holds {}", name, uncovered);
        }
        return ActivityResult.completed(output, name + ": " + coverage.size() + " document(s), "
                + documents.rows() + " rows" + (uncovered.isEmpty() ? "" : ", not covered: " + uncovered));
    }

    @Override
    public List<String> checkUpload(UploadCheck.Upload upload) {
        String owner = Owner.of(upload.instanceKey());
        String prefix = Values.string(upload.config(), "evidencePrefix", ArtifactNames.EVIDENCE_PREFIX, "config");
        if (!ArtifactNames.evidence(prefix, owner).equals(upload.artifactName())) {
            return List.of(); // not the file this step validates
        }
        DataRequest request = DataRequest.load(upload.artifacts(), owner);
        try {
            EvidenceValidator.validate(Csv.parse(upload.artifactName(), new String(upload.content(), StandardCharsets.UTF_8)), request);
            return List.of();
        } catch (ActivityFailure e) {
            return List.of(e.getMessage());
        }
    }

    /** @return whether the owner declared a checksum (it matched, or this throws) */
    private static boolean verifyChecksum(ActivityContext context, Artifact upload, String sha256) {
        Map<String, Object> completion = context.output("UPLOAD_EVIDENCE").orElse(Map.of());
        Map<String, Object> data = Values.map(completion, "data", "UPLOAD_EVIDENCE output");
        String declared = Values.string(data, "evidence", null, "UPLOAD_EVIDENCE data");
        if (declared == null) {
            declared = Values.string(data, "sha256", null, "UPLOAD_EVIDENCE data");
        }
        if (declared == null || declared.isBlank()) {
            return false;
        }
        if (!declared.trim().toLowerCase(Locale.ROOT).equals(sha256)) {
            throw EvidenceValidator.invalid(upload.name() + ": SHA-256 is " + sha256
                    + " but the owner declared " + declared.trim() + " when completing UPLOAD_EVIDENCE");
        }
        return true;
    }

    private static CsvTable parse(Artifact upload) {
        try {
            return Csv.parse(upload.name(), upload.text());
        } catch (ActivityFailure e) {
            throw EvidenceValidator.invalid(e.getMessage());
        }
    }
}
