package dev.cadre.platform.cluster;

import java.time.Instant;

/**
 * One plugin release as the database holds it: the version of a plugin id, the JAR it is (by SHA-256),
 * and the state every host moves towards.
 *
 * @param pluginId     {@code Plugin-Id}
 * @param version      {@code Plugin-Version}
 * @param sha256       the JAR's SHA-256, lower-case hex
 * @param desiredState what hosts do with it
 * @param installedBy  who stored it (a user, {@code plugins directory on <host>}, {@code bundled})
 * @param installedAt  when
 * @param changedBy    who last changed its state
 * @param changedAt    when
 */
public record PluginRelease(String pluginId, String version, String sha256, DesiredState desiredState,
                            String installedBy, Instant installedAt, String changedBy, Instant changedAt) {

    /** What hosts do with a release. */
    public enum DesiredState {
        /** Loaded on every host (the newest enabled release of a plugin id is the one loaded). */
        ENABLED,
        /** Kept in the database, loaded nowhere; enabling it again needs no upload. */
        DISABLED,
        /** Unloaded everywhere; its JAR stays in the database only while a release points at it. */
        REMOVED
    }

    /** @return {@code id@version} */
    public String label() {
        return pluginId + "@" + version;
    }
}
