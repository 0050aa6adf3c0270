package dev.cadre.plugins.planning.samples;

import dev.cadre.plugin.testkit.TestWorkflow;
import dev.cadre.plugins.planning.cycle.PlanningStage;
import dev.cadre.plugins.planning.cycle.SampleFiles.Discrepancy;
import dev.cadre.plugins.support.Csv;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Writes the shipped sample data: the synthetic report and dictionary, the demo's start parameters, one
 * evidence extract per data owner and the answer key of planted discrepancies.
 *
 * <p>The evidence is derived from the sample that the real planning handlers draw (phases 1-5 run on
 * the generated report with the demo's seed), so every planted discrepancy sits on a sampled loan and an
 * in-scope attribute, and every other evidence value equals the report value (formatted the way each
 * owner's source system writes it, which the tests must normalise away).
 *
 * <p>Run {@code SampleDataTest} with {@code -Dcadre.samples.regenerate=true} to rewrite the files.
 */
public final class SampleDataGenerator {

    static final long SEED = 20260930L;
    static final String PERIOD = "2026-Q3";

    /** Owner to document to the attributes the document holds. */
    static final Map<String, Map<String, List<String>>> DOCUMENTS = Map.of(
            "loan-origination", ordered("loan-agreement", List.of("product_code", "origination_date", "original_amount"),
                    "branch-register", List.of("branch_code")),
            "loan-servicing", ordered("servicing-ledger", List.of("outstanding_balance", "days_past_due"),
                    "rate-schedule", List.of("interest_rate")),
            "credit-risk", ordered("risk-rating-extract", List.of("risk_grade", "probability_of_default", "collateral_value")));

    /** The planted discrepancies: owner, document, attribute, index into the owner's sorted sample, change. */
    private record Plant(String owner, String document, String attribute, int sampleIndex, UnaryOperator<String> change) {
    }

    private static final List<Plant> PLANTS = List.of(
            new Plant("loan-origination", "loan-agreement", "original_amount", 2, v -> plus(v, "1000.00")),
            new Plant("loan-origination", "loan-agreement", "origination_date", 5, v -> LocalDate.parse(v).plusDays(1).toString()),
            new Plant("loan-origination", "branch-register", "branch_code", 7, v -> v.equals("BR041") ? "BR042" : "BR041"),
            new Plant("loan-servicing", "servicing-ledger", "outstanding_balance", 1, v -> plus(v, "-250.00")),
            new Plant("loan-servicing", "servicing-ledger", "outstanding_balance", 4, v -> plus(v, "1200.50")),
            new Plant("loan-servicing", "servicing-ledger", "outstanding_balance", 8, v -> plus(v, "0.10")),
            new Plant("loan-servicing", "servicing-ledger", "days_past_due", 6, v -> String.valueOf(Integer.parseInt(v) + 30)),
            new Plant("loan-servicing", "rate-schedule", "interest_rate", 3, v -> plus(v, "0.25")),
            new Plant("credit-risk", "risk-rating-extract", "risk_grade", 0, v -> v.equals("E") ? "D" : String.valueOf((char) (v.charAt(0) + 1))),
            new Plant("credit-risk", "risk-rating-extract", "probability_of_default", 9, v -> new BigDecimal(v).multiply(BigDecimal.valueOf(2)).toPlainString()),
            new Plant("credit-risk", "risk-rating-extract", "collateral_value", 4, v -> plus(v, "-5000.00")));

    private static final List<String> HEADER = List.of("sample_id", "attribute", "report_value", "evidence_value", "document");

    private SampleDataGenerator() {
    }

    /** @param args the output directory (default: the checkout's {@code distribution/src/main/samples}) */
    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : dev.cadre.plugins.planning.cycle.SampleFiles.dir();
        write(out).forEach((name, text) -> System.out.println("wrote " + out.resolve(name)));
    }

    /**
     * @return relative file name to content of every generated file, after writing them under {@code out}
     */
    public static Map<String, String> write(Path out) throws Exception {
        Map<String, String> files = generate();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = out.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return files;
    }

    /** @return relative file name to content */
    static Map<String, String> generate() throws Exception {
        List<List<String>> report = SyntheticReport.rows();
        Map<String, String> files = new TreeMap<>();
        files.put("data-dictionary.csv", Csv.write(SyntheticReport.DICTIONARY_HEADER, SyntheticReport.DICTIONARY));
        files.put("report.csv", Csv.write(SyntheticReport.HEADER, report));
        Map<String, Object> parameters = Json.object("dataOwners", List.copyOf(new TreeMap<>(DOCUMENTS).keySet()),
                "sampleSeed", SEED, "reportingPeriod", PERIOD);
        files.put("parameters.json", Json.write(parameters));

        TestWorkflow run = new TestWorkflow(PlanningStage.BUSINESS_KEY, parameters);
        run.artifacts().putText("report.csv", "text/csv", files.get("report.csv"));
        run.artifacts().putText("data-dictionary.csv", "text/csv", files.get("data-dictionary.csv"));
        PlanningStage.run(run);
        Map<String, Object> samples = Values.map(run.output("GENERATE_SAMPLES"), "samples", "GENERATE_SAMPLES");
        Map<String, Object> scope = Values.map(run.output("EXECUTE_SCOPING"), "inScopeByOwner", "EXECUTE_SCOPING");
        String key = Values.requiredString(run.output("EXECUTE_SCOPING"), "keyAttribute", "EXECUTE_SCOPING");

        Map<String, List<String>> reportByKey = new LinkedHashMap<>();
        report.forEach(row -> reportByKey.put(row.get(0), row));
        List<Discrepancy> planted = new ArrayList<>();
        for (String owner : new TreeMap<>(DOCUMENTS).keySet()) {
            List<String> attributes = Values.strings(scope, owner, "scope").stream().filter(a -> !a.equals(key)).toList();
            checkCoverage(owner, attributes);
            List<String> ids = Values.strings(samples, owner, "samples");
            files.put("evidence/" + owner + ".csv",
                    evidence(owner, key, attributes, ids, reportByKey, planted));
        }
        planted.sort(null);
        files.put("planted-discrepancies.csv", Csv.write(HEADER, planted.stream().map(SampleDataGenerator::row).toList()));
        return files;
    }

    private static String evidence(String owner, String key, List<String> attributes, List<String> ids,
                                   Map<String, List<String>> report, List<Discrepancy> planted) {
        List<String> header = new ArrayList<>(List.of("document", key));
        header.addAll(attributes);
        List<List<String>> rows = new ArrayList<>();
        DOCUMENTS.get(owner).forEach((document, held) -> {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                List<String> row = new ArrayList<>(List.of(document, id));
                for (String attribute : attributes) {
                    if (!held.contains(attribute)) {
                        row.add("");
                        continue;
                    }
                    String reportValue = report.get(id).get(SyntheticReport.HEADER.indexOf(attribute));
                    String value = reportValue;
                    for (Plant plant : PLANTS) {
                        if (plant.owner().equals(owner) && plant.document().equals(document)
                                && plant.attribute().equals(attribute) && plant.sampleIndex() == i) {
                            value = plant.change().apply(reportValue);
                            planted.add(new Discrepancy(owner + "/" + document, id, attribute, reportValue,
                                    SourceFormats.format(owner, attribute, value)));
                        }
                    }
                    row.add(SourceFormats.format(owner, attribute, value));
                }
                rows.add(row);
            }
        });
        return Csv.write(header, rows);
    }

    /** Fails when scoping changed so that the fixed document layout no longer covers what is requested. */
    private static void checkCoverage(String owner, List<String> requested) {
        List<String> held = DOCUMENTS.get(owner).values().stream().flatMap(List::stream).sorted().toList();
        if (!held.equals(requested.stream().sorted().toList())) {
            throw new IllegalStateException(owner + ": documents hold " + held + " but scoping requests " + requested);
        }
    }

    private static List<String> row(Discrepancy d) {
        return List.of(d.sampleId(), d.attribute(), d.reportValue(), d.evidenceValue(), d.document());
    }

    private static String plus(String value, String amount) {
        return new BigDecimal(value).add(new BigDecimal(amount)).toPlainString();
    }

    private static Map<String, List<String>> ordered(Object... documentsAndAttributes) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < documentsAndAttributes.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> attributes = (List<String>) documentsAndAttributes[i + 1];
            map.put((String) documentsAndAttributes[i], attributes);
        }
        return map;
    }

    /** How each owner's source system writes values: the tests must see through these differences. */
    static final class SourceFormats {
        private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

        private SourceFormats() {
        }

        static String format(String owner, String attribute, String value) {
            if (value.isEmpty() || !value.matches("-?\\d+(\\.\\d+)?|\\d{4}-\\d{2}-\\d{2}|[A-Z]+")) {
                return value; // not a clean value (a profiling anomaly): copied as is
            }
            return switch (owner) {
                // the origination system writes compact dates and lower-case product codes
                case "loan-origination" -> switch (attribute) {
                    case "origination_date" -> LocalDate.parse(value).format(BASIC);
                    case "product_code" -> value.toLowerCase();
                    default -> value;
                };
                // the servicing ledger groups thousands and keeps four decimals
                case "loan-servicing" -> switch (attribute) {
                    case "outstanding_balance" -> String.format(java.util.Locale.ROOT, "%,.2f", new BigDecimal(value));
                    case "interest_rate" -> new BigDecimal(value).setScale(4).toPlainString();
                    default -> value;
                };
                // the risk engine keeps six decimals of PD and groups collateral thousands
                case "credit-risk" -> switch (attribute) {
                    case "probability_of_default" -> new BigDecimal(value).setScale(6).toPlainString();
                    case "collateral_value" -> String.format(java.util.Locale.ROOT, "%,.2f", new BigDecimal(value));
                    default -> value;
                };
                default -> value;
            };
        }
    }
}
