package dev.cadre.plugins.support;

/**
 * The artifact names the plugins hand each other: the file contracts between planning, evidence,
 * testing and reporting, kept in one place.
 */
public final class ArtifactNames {

    /** The uploaded data dictionary (config {@code dictionaryArtifact}). */
    public static final String DICTIONARY = "data-dictionary.csv";
    /** The uploaded report (config {@code reportArtifact}). */
    public static final String REPORT = "report.csv";
    /** Test attributes, written by GenerateAttributes. */
    public static final String ATTRIBUTES = "attributes.json";
    /** Column profiles and anomalies, written by DataProfiling. */
    public static final String PROFILING = "profiling.json";
    /** Attributes in scope and why, written by ExecuteScoping. */
    public static final String SCOPE = "scope.json";
    /** The drawn samples, written by GenerateSamples. */
    public static final String SAMPLES = "samples.csv";
    /** Default folder of the owners' uploads (config {@code evidencePrefix}). */
    public static final String EVIDENCE_PREFIX = "evidence/";
    /** The column of an evidence upload that names the source document of each row. */
    public static final String EVIDENCE_DOCUMENT_COLUMN = "document";
    /** The report sections, written by GenerateReportSections. */
    public static final String REPORT_SECTIONS = "report/sections.json";
    /** The final report, written by GenerateFinalReport. */
    public static final String FINAL_REPORT_HTML = "final-report.html";
    /** The final report in Markdown. */
    public static final String FINAL_REPORT_MARKDOWN = "final-report.md";
    /** The final report, machine-readable. */
    public static final String FINAL_REPORT_JSON = "final-report.json";

    /**
     * The output key under which a step lists the artifacts it relied on, name to SHA-256. The host
     * makes every artifact a COMPLETED step lists there write-once (a replace answers 409 naming the
     * step): VALIDATE_DATA_UPLOAD lists the evidence it validated, GENERATE_FINAL_REPORT its report.
     */
    public static final String USED_ARTIFACTS = "usedArtifacts";

    private ArtifactNames() {
    }

    /** @return the data request sent to an owner (JSON) */
    public static String request(String owner) {
        return "requests/" + owner + ".json";
    }

    /** @return the fill-in evidence template sent to an owner (CSV) */
    public static String requestTemplate(String owner) {
        return "requests/" + owner + ".csv";
    }

    /** @return the evidence an owner uploads */
    public static String evidence(String prefix, String owner) {
        return prefix + owner + ".csv";
    }

    /** @return the test cases of a document */
    public static String testCases(DocumentKey document) {
        return "test-cases/" + document + ".csv";
    }

    /** @return the test results of a document */
    public static String testResults(DocumentKey document) {
        return "test-results/" + document + ".csv";
    }

    /** @return the observations raised on a document */
    public static String observations(DocumentKey document) {
        return "observations/" + document + ".json";
    }
}
