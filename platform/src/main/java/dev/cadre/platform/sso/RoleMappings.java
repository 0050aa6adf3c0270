package dev.cadre.platform.sso;

import dev.cadre.platform.persistence.Jdbc;
import dev.cadre.platform.users.Roles;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Which Cadre roles a value of the provider's roles claim grants ({@code oidc_role_mappings}): the
 * organisation's groups stay in the identity provider, the meaning of each for Cadre stays here. A
 * person none of whose claim values is mapped gets no roles, and so no access.
 */
public final class RoleMappings {

    /** The most mappings kept: a list, not a directory. */
    public static final int MAX_MAPPINGS = 500;

    private final DataSource dataSource;

    /** @param dataSource the host database */
    public RoleMappings(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One mapping.
     *
     * @param claimValue a value of the roles claim, e.g. a group name
     * @param roles      the Cadre roles it grants
     */
    public record Mapping(String claimValue, List<String> roles) {

        /** Copies the roles. */
        public Mapping {
            roles = List.copyOf(roles);
        }
    }

    /** @return every mapping, by claim value */
    public List<Mapping> list() {
        return Jdbc.inTransaction(dataSource, "role mapping read", connection -> {
            List<Mapping> mappings = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT claim_value, roles FROM oidc_role_mappings ORDER BY claim_value");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Array roles = rs.getArray(2);
                    mappings.add(new Mapping(rs.getString(1), List.of((String[]) roles.getArray())));
                }
            }
            return mappings;
        });
    }

    /**
     * Replaces every mapping at once, so a change is never half-applied.
     *
     * @param mappings the new mappings
     * @throws IllegalArgumentException naming the first bad entry: an empty or repeated claim value, a malformed role, no roles
     */
    public void replace(List<Mapping> mappings) {
        check(mappings);
        Jdbc.inTransaction(dataSource, "role mapping write", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM oidc_role_mappings")) {
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO oidc_role_mappings (claim_value, roles) VALUES (?, ?)")) {
                for (Mapping mapping : mappings) {
                    insert.setString(1, mapping.claimValue());
                    insert.setArray(2, connection.createArrayOf("text", new LinkedHashSet<>(mapping.roles()).toArray()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * @param claimValues the values of the person's roles claim
     * @return the roles they grant, each once, in mapping order; empty when none is mapped
     */
    public List<String> rolesFor(Collection<String> claimValues) {
        if (claimValues.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        list().forEach(m -> byValue.put(m.claimValue(), m.roles()));
        Set<String> roles = new LinkedHashSet<>();
        byValue.forEach((value, granted) -> {
            if (claimValues.contains(value)) {
                roles.addAll(granted);
            }
        });
        return List.copyOf(roles);
    }

    private static void check(List<Mapping> mappings) {
        if (mappings.size() > MAX_MAPPINGS) {
            throw new IllegalArgumentException("at most " + MAX_MAPPINGS + " role mappings, got " + mappings.size());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            Mapping mapping = mappings.get(i);
            String where = "mappings[" + i + "]";
            if (mapping.claimValue() == null || mapping.claimValue().isBlank() || mapping.claimValue().length() > 200
                    || mapping.claimValue().chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(where + ".claimValue must be 1-200 characters without control characters");
            }
            if (!seen.add(mapping.claimValue())) {
                throw new IllegalArgumentException(where + ".claimValue '" + mapping.claimValue() + "' appears twice");
            }
            if (mapping.roles().isEmpty()) {
                throw new IllegalArgumentException(where + ".roles must name at least one role");
            }
            for (int r = 0; r < mapping.roles().size(); r++) {
                if (!Roles.isValid(mapping.roles().get(r))) {
                    throw new IllegalArgumentException(where + ".roles[" + r + "] ('" + mapping.roles().get(r)
                            + "') must be 1-64 lower case letters, digits, '.', '_' or '-'");
                }
            }
        }
    }
}
