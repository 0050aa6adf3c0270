package dev.cadre.platform.templates;

import java.util.List;

/**
 * The Hibernate entity classes of the template tables. A {@code Database} that {@link TemplateService}
 * works on must be opened with them; they live here, beside the entities, so that persistence never
 * names a feature.
 */
public final class TemplateEntities {

    private TemplateEntities() {
    }

    /** @return the entity classes of the four template tables */
    public static List<Class<?>> all() {
        return List.of(
                TemplateEntity.class, PhaseTemplateEntity.class, ActivityTemplateEntity.class, ActivityDependencyEntity.class);
    }
}
