package dev.cadre.platform.templates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code workflow_templates}: one version of a template code. */
@Entity(name = "TemplateEntity")
@Table(name = "workflow_templates")
public class TemplateEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String code;

    @Column(nullable = false)
    int version;

    @Column(nullable = false)
    String name;

    String description;

    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Object> parameters;

    @JdbcTypeCode(SqlTypes.JSON)
    List<Map<String, Object>> scenarios;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    TemplateStatus status;

    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;

    @Column(name = "published_at")
    Instant publishedAt;

    protected TemplateEntity() {
        // for Hibernate
    }

    TemplateEntity(Template template, int version, TemplateStatus status, List<Map<String, Object>> scenarios) {
        this.code = template.code();
        this.version = version;
        this.name = template.name();
        this.description = template.description();
        this.parameters = template.parameters().isEmpty() ? null : template.parameters();
        this.scenarios = scenarios.isEmpty() ? null : scenarios;
        this.status = status;
    }
}
