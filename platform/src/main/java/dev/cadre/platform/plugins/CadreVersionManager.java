package dev.cadre.platform.plugins;

import com.github.zafarkhaja.semver.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pf4j.VersionManager;

/**
 * PF4J's {@code DefaultVersionManager} (java-semver) that also understands the npm-style ranges Cadre's
 * manifests use: {@code >=1.0.0 <2.0.0} means {@code >=1.0.0 & <2.0.0}, which java-semver's grammar
 * spells with {@code &}. Versions compare leniently ({@code 1.0} is {@code 1.0.0}).
 */
public final class CadreVersionManager implements VersionManager {

    private static final Set<String> JOINERS = Set.of("&", "&&", "|", "||", "-", "(", ")", "!");

    @Override
    public boolean checkVersionConstraint(String version, String constraint) {
        String expression = normalise(constraint);
        return "*".equals(expression) || parse(version).satisfies(expression);
    }

    @Override
    public int compareVersions(String v1, String v2) {
        return parse(v1).compareTo(parse(v2));
    }

    /**
     * @param constraint a range such as {@code >=1.0.0 <2.0.0}, {@code >= 1.0.0 & < 2.0.0}, {@code ^1.2}
     * @return the java-semver expression, {@code *} for a blank range
     */
    static String normalise(String constraint) {
        if (constraint == null || constraint.isBlank()) {
            return "*";
        }
        // glue an operator to its version ("> = 1" style stays as java-semver reads it), then
        // turn whitespace between two comparisons into an explicit AND
        String glued = constraint.strip().replaceAll("(>=|<=|!=|==|>|<|=|~|\\^)\\s+", "$1");
        List<String> tokens = List.of(glued.split("\\s+"));
        List<String> out = new ArrayList<>();
        String previous = null;
        for (String token : tokens) {
            if (previous != null && !JOINERS.contains(previous) && !JOINERS.contains(token)
                    && !previous.endsWith("&") && !previous.endsWith("|")
                    && !token.startsWith("&") && !token.startsWith("|")) {
                out.add("&");
            }
            out.add(token);
            previous = token;
        }
        return String.join(" ", out);
    }

    /**
     * @param version a version string
     * @return it as a SemVer version, lenient about a missing minor or patch
     * @throws IllegalArgumentException when it is not a version at all
     */
    public static Version parse(String version) {
        try {
            return Version.parse(version.strip(), false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + version + "' is not a version: " + e.getMessage(), e);
        }
    }
}
