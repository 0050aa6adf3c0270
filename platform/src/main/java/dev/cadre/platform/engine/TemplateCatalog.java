package dev.cadre.platform.engine;

import dev.cadre.platform.templates.Template;
import java.util.Optional;

/** Where the engine gets template snapshots from. */
@FunctionalInterface
public interface TemplateCatalog {

    /**
     * @param code    template code
     * @param version a version, or {@code null} for the published one
     * @return the template, if there is one
     */
    Optional<Template> find(String code, Integer version);
}
