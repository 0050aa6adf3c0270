package dev.cadre.plugins.evidence;

import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.DataRequest;
import dev.cadre.plugins.support.DocumentKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one owner's evidence upload against the request: the columns asked for are there, every row
 * names a valid document and a key, no document lists a sample twice, and every document holds every
 * requested sample. A document <em>covers</em> the attributes it has at least one value for.
 */
final class EvidenceValidator {

    /** The documents of a valid upload: document name to covered attributes, in file order. */
    record Documents(Map<String, List<String>> coverage, int rows) {
    }

    private EvidenceValidator() {
    }

    static Documents validate(CsvTable evidence, DataRequest request) {
        String doc = ArtifactNames.EVIDENCE_DOCUMENT_COLUMN;
        String key = request.keyAttribute();
        List<String> required = new ArrayList<>(List.of(doc, key));
        required.addAll(request.attributes());
        evidence.require("InvalidEvidence", required);

        Map<String, Set<String>> idsByDocument = new LinkedHashMap<>();
        Map<String, Set<String>> covered = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int row = 0; row < evidence.size(); row++) {
            String document = evidence.get(row, doc);
            if (document.isEmpty() || !DocumentKey.NAME.matcher(document).matches()) {
                throw invalid(evidence.where(row, doc) + ": '" + document
                        + "' is not a document name (1-80 letters, digits, '.', '_' or '-')");
            }
            String id = evidence.get(row, key);
            if (id.isEmpty()) {
                throw invalid(evidence.where(row, key) + " is empty: every row needs the sample id");
            }
            Integer earlier = firstLine.putIfAbsent(document + "\u0000" + id, evidence.line(row));
            if (earlier != null) {
                throw invalid(evidence.where(row, key) + ": sample " + id + " appears twice in document "
                        + document + " (first on line " + earlier + ")");
            }
            idsByDocument.computeIfAbsent(document, d -> new LinkedHashSet<>()).add(id);
            Set<String> attributes = covered.computeIfAbsent(document, d -> new LinkedHashSet<>());
            for (String attribute : request.attributes()) {
                if (!evidence.get(row, attribute).isEmpty()) {
                    attributes.add(attribute);
                }
            }
        }
        if (idsByDocument.isEmpty()) {
            throw invalid(evidence.source() + " has no rows");
        }
        idsByDocument.forEach((document, ids) -> {
            List<String> missing = request.sampleIds().stream().filter(id -> !ids.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw invalid(evidence.source() + ", document " + document + ": requested sample id(s) "
                        + missing + " missing from column " + key);
            }
        });
        Map<String, List<String>> coverage = new LinkedHashMap<>();
        covered.forEach((document, attributes) -> coverage.put(document,
                request.attributes().stream().filter(attributes::contains).toList()));
        return new Documents(coverage, evidence.size());
    }

    static ActivityFailure invalid(String message) {
        return ActivityFailure.nonRetryable("InvalidEvidence", message);
    }
}
