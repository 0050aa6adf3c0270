package dev.cadre.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the (loan id, attribute) pairs of the answer key and of a final report, to compare them. */
final class Discrepancies {

    /** One discrepancy: a sampled loan and the attribute whose report value differs from the evidence. */
    record Pair(String sampleId, String attribute) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair other) {
            int bySample = sampleId.compareTo(other.sampleId);
            return bySample != 0 ? bySample : attribute.compareTo(other.attribute);
        }
    }

    private Discrepancies() {
    }

    /** @return the rows of {@code samples/planted-discrepancies.csv} (header {@code sample_id,attribute,...}) */
    static List<Pair> planted(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        int sample = header.indexOf("sample_id");
        int attribute = header.indexOf("attribute");
        if (sample < 0 || attribute < 0) {
            throw new AssertionError(csv + ": expected columns sample_id and attribute, found " + header);
        }
        List<Pair> pairs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                List<String> row = fields(line);
                pairs.add(new Pair(row.get(sample), row.get(attribute)));
            }
        }
        return pairs;
    }

    /** @return every failure of every observation of {@code final-report.json} */
    static List<Pair> reported(JsonNode finalReport) {
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode observation : finalReport.path("observations")) {
            for (JsonNode failure : observation.path("failures")) {
                String attribute = failure.path("attribute").asText(observation.path("attribute").asText());
                pairs.add(new Pair(failure.path("sampleId").asText(), attribute));
            }
        }
        return pairs;
    }

    /** Splits one CSV line (RFC 4180 quoting; no line breaks inside fields in these files). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
