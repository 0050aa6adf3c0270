package dev.cadre.platform.config;

/**
 * What people may store in one run through the admin endpoint and the console (handlers' own artifacts
 * are not counted against them when they write, but are in the sums).
 *
 * @param maxArtifacts     {@code CADRE_RUN_MAX_ARTIFACTS}: most artifacts a run may hold (default 1,000)
 * @param maxArtifactBytes {@code CADRE_RUN_MAX_ARTIFACT_BYTES}: most bytes its artifacts may hold together (default 1 GiB)
 */
public record RunLimits(int maxArtifacts, long maxArtifactBytes) {

    /** The defaults. */
    public static final RunLimits DEFAULT = new RunLimits(1_000, 1024L * 1024 * 1024);
}
