package dev.cadre.platform.persistence;

import dev.cadre.platform.templates.ActivityDependencyEntity;
import dev.cadre.platform.templates.ActivityTemplateEntity;
import dev.cadre.platform.templates.PhaseTemplateEntity;
import dev.cadre.platform.templates.TemplateEntity;
import java.util.List;

/** Every Hibernate entity class of the host, registered with the session factory at start. */
public final class Entities {

    private Entities() {
    }

    /** @return the entity classes of all features */
    public static List<Class<?>> all() {
        return List.of(
                TemplateEntity.class, PhaseTemplateEntity.class, ActivityTemplateEntity.class, ActivityDependencyEntity.class);
    }
}
