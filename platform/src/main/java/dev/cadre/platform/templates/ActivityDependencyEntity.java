package dev.cadre.platform.templates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code workflow_activity_dependencies}: {@code activityId} waits for {@code dependsOnId}. */
@Entity(name = "ActivityDependencyEntity")
@Table(name = "workflow_activity_dependencies")
public class ActivityDependencyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "activity_id", nullable = false)
    long activityId;

    @Column(name = "depends_on_id", nullable = false)
    long dependsOnId;

    @Column(name = "dependency_type", nullable = false)
    String dependencyType;

    protected ActivityDependencyEntity() {
        // for Hibernate
    }

    ActivityDependencyEntity(long activityId, long dependsOnId, DependencyType type) {
        this.activityId = activityId;
        this.dependsOnId = dependsOnId;
        this.dependencyType = type.value();
    }
}
