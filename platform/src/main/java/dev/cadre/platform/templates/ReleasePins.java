package dev.cadre.platform.templates;

import dev.cadre.platform.plugins.CadreVersionManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The plugin releases a template version pins: an activity's {@code handlerVersion} range resolved, when
 * the version is published, to the newest enabled release (version and SHA-256) of the plugin that provides
 * its handler. Kept in {@code template_release_pins} and never changed afterwards, so every run of that
 * version uses the same release for its whole life, however the cluster's plugins move on.
 */
final class ReleasePins {

    private static final CadreVersionManager VERSIONS = new CadreVersionManager();

    /** The plugin ids whose releases ever provided a handler (as any host reported them), with their enabled releases. */
    private static final String CANDIDATES = "SELECT r.plugin_id, r.version, r.sha256 FROM plugin_releases r "
            + "WHERE r.desired_state = 'ENABLED' AND r.plugin_id IN (SELECT p.plugin_id FROM plugin_releases p "
            + "JOIN cluster_host_releases h ON h.sha256 = p.sha256 WHERE ? = ANY (h.handlers))";

    private ReleasePins() {
    }

    /** A release an activity is pinned to. */
    record Pin(String step, String handler, String range, String pluginId, String version, String sha256) {
    }

    /**
     * @param range a {@code handlerVersion}
     * @return whether it is a range Cadre understands ({@code ^1.0}, {@code ~1.2.3}, {@code 1.0.0}, {@code >=1.0 <2.0})
     */
    static boolean validRange(String range) {
        try {
            VERSIONS.checkVersionConstraint("0.0.0", range);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * @param candidates releases as {pluginId, version, sha256}
     * @param range      a valid range
     * @return the newest release whose version satisfies the range
     */
    static Optional<String[]> newestMatching(List<String[]> candidates, String range) {
        return candidates.stream().filter(release -> satisfies(release[1], range))
                .max(Comparator.comparing((String[] release) -> CadreVersionManager.parse(release[1])));
    }

    /** As npm reads ranges: a pre-release ({@code 2.1.0-beta}) is picked only by a range that names a pre-release. */
    private static boolean satisfies(String version, String range) {
        try {
            if (!CadreVersionManager.parse(version).getPreReleaseVersion().isEmpty() && !range.contains("-")) {
                return false;
            }
            return VERSIONS.checkVersionConstraint(version, range);
        } catch (RuntimeException e) {
            return false; // a release whose version is not SemVer matches no range
        }
    }

    /** @return activity code -> pinned version of that template row */
    static Map<String, String> versions(Session session, long templateId) {
        Map<String, String> pins = new HashMap<>();
        session.doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT activity_code, version FROM template_release_pins WHERE template_id = ?")) {
                statement.setLong(1, templateId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        pins.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        });
        return pins;
    }

    /**
     * Resolves and stores the pins of a template row being published; pins it already has are kept.
     *
     * @param force store what resolves and leave the rest unpinned (they follow the newest release)
     * @throws UnresolvedPinException when a range matches no enabled release and {@code force} is false
     */
    static List<Pin> pin(Session session, Template template, long templateId, boolean force) {
        Map<String, String> existing = versions(session, templateId);
        List<Pin> pinned = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (ActivityTemplate activity : template.activities()) {
            if (!activity.pinsRelease() || activity.manual() || existing.containsKey(activity.code())) {
                continue;
            }
            String range = activity.handlerVersion().strip();
            Optional<String[]> release = newestMatching(candidates(session, activity.handler()), range);
            if (release.isEmpty()) {
                unresolved.add("step " + activity.code() + ": no enabled release of the plugin with handler " + activity.handler()
                        + " satisfies handlerVersion '" + range + "'");
                continue;
            }
            String[] r = release.get();
            pinned.add(new Pin(activity.code(), activity.handler(), range, r[0], r[1], r[2]));
        }
        if (!unresolved.isEmpty() && !force) {
            throw new UnresolvedPinException("template '" + template.code() + "' cannot be published: " + String.join("; ", unresolved)
                    + ". Install or enable such a release, or publish with force=true (those steps then follow the newest release)",
                    unresolved);
        }
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO template_release_pins "
                    + "(template_id, activity_code, handler_name, version_range, plugin_id, version, sha256) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                for (Pin pin : pinned) {
                    insert.setLong(1, templateId);
                    insert.setString(2, pin.step());
                    insert.setString(3, pin.handler());
                    insert.setString(4, pin.range());
                    insert.setString(5, pin.pluginId());
                    insert.setString(6, pin.version());
                    insert.setString(7, pin.sha256());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (!pinned.isEmpty()) {
                // hosts load the pinned releases now rather than at their next periodic check (delivered on commit)
                try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, 'pinned')")) {
                    notify.setString(1, dev.cadre.platform.cluster.PluginStore.CHANNEL);
                    notify.execute();
                }
            }
        });
        return pinned;
    }

    private static List<String[]> candidates(Session session, String handler) {
        List<String[]> all = new ArrayList<>();
        session.doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(CANDIDATES)) {
                statement.setString(1, handler);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        all.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                    }
                }
            }
        });
        return all;
    }
}
