package dev.cadre.platform.templates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code workflow_activity_templates}. */
@Entity(name = "ActivityTemplateEntity")
@Table(name = "workflow_activity_templates")
public class ActivityTemplateEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "template_id", nullable = false)
    long templateId;

    @Column(name = "phase_id", nullable = false)
    long phaseId;

    @Column(name = "activity_code", nullable = false)
    String activityCode;

    @Column(name = "activity_name", nullable = false)
    String activityName;

    @Column(name = "sequence_order", nullable = false)
    int sequenceOrder;

    @Column(name = "activity_type", nullable = false)
    String activityType;

    @Column(name = "is_manual", nullable = false)
    boolean manual;

    @Column(name = "handler_name", nullable = false)
    String handlerName;

    @Column(name = "timeout_seconds", nullable = false)
    int timeoutSeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "retry_policy", nullable = false)
    Map<String, Object> retryPolicy;

    @Column(name = "conditional_expression")
    String conditionalExpression;

    @Column(name = "execution_mode", nullable = false)
    String executionMode;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "config", nullable = false)
    Map<String, Object> config;

    @Column(name = "handler_version")
    String handlerVersion;

    protected ActivityTemplateEntity() {
        // for Hibernate
    }

    ActivityTemplateEntity(long templateId, long phaseId, int sequenceOrder, ActivityTemplate activity, Map<String, Object> retryPolicy) {
        this.templateId = templateId;
        this.phaseId = phaseId;
        this.activityCode = activity.code();
        this.activityName = activity.name();
        this.sequenceOrder = sequenceOrder;
        this.activityType = activity.type().name();
        this.manual = activity.manual();
        this.handlerName = activity.handler();
        this.timeoutSeconds = activity.timeoutSeconds();
        this.retryPolicy = retryPolicy;
        this.conditionalExpression = activity.condition();
        this.executionMode = activity.executionMode().value();
        this.config = activity.config();
        this.handlerVersion = activity.pinsRelease() ? activity.handlerVersion().strip() : null;
    }
}
