package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.PluginApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.pf4j.PluginDependency;

/**
 * The rules a plugin JAR must pass to run, each answering with the reason it fails or {@code null}:
 * the allow-list, {@code Plugin-Requires}, {@code Plugin-Dependencies} and the one handler name space.
 */
final class Admission {

    private final BuiltinHandlerRegistry builtins;
    private final PluginAllowlist allowlist;
    private final HandlerTable table;
    private final CadreVersionManager versions = new CadreVersionManager();

    Admission(BuiltinHandlerRegistry builtins, PluginAllowlist allowlist, HandlerTable table) {
        this.builtins = builtins;
        this.allowlist = allowlist;
        this.table = table;
    }

    PluginAllowlist allowlist() {
        return allowlist;
    }

    String notAllowed(PluginJar jar) {
        if (allowlist.allows(jar.sha256())) {
            return null;
        }
        return "its SHA-256 " + jar.sha256() + " is not in the allow-list "
                + allowlist.source().map(Path::toString).orElse("");
    }

    String incompatibility(PluginJar jar) {
        if (jar.requires() == null) {
            return null;
        }
        // PF4J reads a bare version as a minimum; keep its meaning
        String range = jar.requires().matches("\\d+\\.\\d+\\.\\d+") ? ">=" + jar.requires() : jar.requires();
        try {
            if (versions.checkVersionConstraint(PluginApi.VERSION, range)) {
                return null;
            }
            return "Plugin-Requires '" + jar.requires() + "' does not include plugin API " + PluginApi.VERSION
                    + " of this host";
        } catch (RuntimeException e) {
            return "Plugin-Requires '" + jar.requires() + "' is not a version range (" + e.getMessage() + ")";
        }
    }

    /** @param active started generations by plugin id */
    String missingDependency(PluginJar jar, Map<String, Generation> active) {
        for (PluginDependency dependency : jar.dependencies()) {
            Generation provider = active.get(dependency.getPluginId());
            if (dependency.isOptional()) {
                continue;
            }
            if (provider == null) {
                return "it depends on plugin '" + dependency.getPluginId() + "', which is not started";
            }
            if (!versionMatches(provider, dependency)) {
                return "it depends on plugin '" + dependency.getPluginId() + "' version '"
                        + dependency.getPluginVersionSupport() + "', but " + provider.jar().label() + " is started";
            }
        }
        return null;
    }

    /** @return the started generations the JAR will load classes from (required and present optional ones) */
    List<Generation> dependencies(PluginJar jar, Map<String, Generation> active) {
        List<Generation> bound = new ArrayList<>();
        for (PluginDependency dependency : jar.dependencies()) {
            Generation provider = active.get(dependency.getPluginId());
            if (provider != null && versionMatches(provider, dependency)) {
                bound.add(provider);
            }
        }
        return bound;
    }

    /** @return why one of the names is taken by a built-in or another plugin than {@code id}, or null */
    String conflict(Collection<String> handlerNames, String id) {
        for (String name : new TreeSet<>(handlerNames)) {
            if (builtins.knows(name)) {
                return "handler name '" + name + "' is already provided by a built-in handler";
            }
            Optional<Generation> owner = table.owner(name);
            if (owner.isPresent() && !owner.get().id().equals(id)) {
                return "handler name '" + name + "' is already provided by plugin " + owner.get().jar().label();
            }
        }
        return null;
    }

    /** Highest version wins; a version that does not parse compares as text. */
    int compareVersions(String a, String b) {
        try {
            return versions.compareVersions(a, b);
        } catch (IllegalArgumentException e) {
            return a.compareTo(b);
        }
    }

    private boolean versionMatches(Generation provider, PluginDependency dependency) {
        try {
            return versions.checkVersionConstraint(provider.jar().version(), dependency.getPluginVersionSupport());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
