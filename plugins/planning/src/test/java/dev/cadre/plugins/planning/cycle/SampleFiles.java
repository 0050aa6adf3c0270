package dev.cadre.plugins.planning.cycle;

import dev.cadre.plugins.support.Csv;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shipped sample data, {@code distribution/src/main/samples}, found from any module's directory. */
public final class SampleFiles {

    private SampleFiles() {
    }

    /** @return the samples directory of this checkout */
    public static Path dir() {
        return repoFile("distribution/src/main/samples");
    }

    /** @return a file of this checkout, found by walking up from the working directory */
    public static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("distribution/src/main"))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException("no distribution/src/main above " + Path.of("").toAbsolutePath());
    }

    public static String read(String relative) {
        try {
            return Files.readString(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the workflow start parameters of the demo */
    public static Map<String, Object> parameters() {
        return Values.asMap(Json.parse("parameters.json", read("parameters.json")), "parameters.json");
    }

    /** @return the demo's data owners */
    public static List<String> owners() {
        return Values.strings(parameters(), "dataOwners", "parameters.json");
    }

    /** @return the answer key: every planted report-versus-evidence discrepancy */
    public static List<Discrepancy> planted() {
        CsvTable csv = Csv.parse("planted-discrepancies.csv", read("planted-discrepancies.csv"));
        List<Discrepancy> planted = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            planted.add(new Discrepancy(csv.get(row, "document"), csv.get(row, "sample_id"), csv.get(row, "attribute"),
                    csv.get(row, "report_value"), csv.get(row, "evidence_value")));
        }
        return planted;
    }

    /** One report-versus-evidence difference, comparable between the answer key and a report. */
    public record Discrepancy(String document, String sampleId, String attribute, String reportValue,
                              String evidenceValue) implements Comparable<Discrepancy> {

        static final List<String> HEADER = List.of("sample_id", "attribute", "report_value", "evidence_value", "document");

        List<String> row() {
            return List.of(sampleId, attribute, reportValue, evidenceValue, document);
        }

        @Override
        public int compareTo(Discrepancy o) {
            return (document + "\u0000" + attribute + "\u0000" + sampleId)
                    .compareTo(o.document + "\u0000" + o.attribute + "\u0000" + o.sampleId);
        }
    }
}
