package dev.cadre.platform.engine;

import dev.cadre.platform.persistence.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which completed step of a run relied on an artifact: the one rule that makes an artifact write-once.
 *
 * <p>A step declares what it relied on in its output, as {@code "usedArtifacts": {"<name>": "<sha256>"}}:
 * VALIDATE_DATA_UPLOAD names the evidence it validated, GENERATE_FINAL_REPORT the report files it
 * wrote. Once such a step is COMPLETED, replacing the artifact would make the run's record describe
 * content nobody checked, so the admin endpoint refuses it.
 */
public final class ArtifactUses {

    /** The output key a step lists the artifacts it relied on under (name to SHA-256). */
    public static final String OUTPUT_KEY = "usedArtifacts";

    private final DataSource dataSource;

    /** @param dataSource the host database */
    public ArtifactUses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A completed step that relied on an artifact.
     *
     * @param activity   its activity code
     * @param instanceId its instance key ({@code ""} when not a parallel instance)
     * @param sha256     the SHA-256 the step recorded for the artifact
     */
    public record Use(String activity, String instanceId, String sha256) {

        /** @return {@code ACTIVITY} or {@code ACTIVITY[instance]}, for messages */
        public String step() {
            return instanceId.isEmpty() ? activity : activity + "[" + instanceId + "]";
        }
    }

    /**
     * @param runId the {@code workflow_instances.id}
     * @param name  the artifact's name
     * @return the earliest completed step of the run whose output lists the artifact, if any
     */
    public Optional<Use> firstUse(long runId, String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT activity_code, instance_id, output -> '%1$s' ->> ? FROM workflow_activities
                     WHERE workflow_instance_id = ? AND status = 'COMPLETED'
                       AND jsonb_typeof(output -> '%1$s') = 'object' AND (output -> '%1$s') ->> ? IS NOT NULL
                     ORDER BY completed_at, id LIMIT 1
                     """.formatted(OUTPUT_KEY))) {
            statement.setString(1, name);
            statement.setLong(2, runId);
            statement.setString(3, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Use(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("looking up the steps that used artifact '" + name + "' failed: " + e.getMessage(), e);
        }
    }
}
