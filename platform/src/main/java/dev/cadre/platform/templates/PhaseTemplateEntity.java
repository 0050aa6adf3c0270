package dev.cadre.platform.templates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code workflow_phase_templates}. Plain foreign-key ids, no associations: loads stay a fixed few queries. */
@Entity(name = "PhaseTemplateEntity")
@Table(name = "workflow_phase_templates")
public class PhaseTemplateEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "template_id", nullable = false)
    long templateId;

    @Column(name = "phase_name", nullable = false)
    String phaseName;

    @Column(name = "phase_order", nullable = false)
    int phaseOrder;

    @Column(name = "execution_mode", nullable = false)
    String executionMode;

    @Column(name = "fan_out_expression")
    String fanOutExpression;

    @Column(name = "max_parallelism")
    Integer maxParallelism;

    @Column(name = "max_instances")
    Integer maxInstances;

    protected PhaseTemplateEntity() {
        // for Hibernate
    }

    PhaseTemplateEntity(long templateId, PhaseTemplate phase) {
        this.templateId = templateId;
        this.phaseName = phase.name();
        this.phaseOrder = phase.order();
        this.executionMode = phase.executionMode().value();
        this.fanOutExpression = phase.fanOut();
        this.maxParallelism = phase.maxParallelism();
        this.maxInstances = phase.maxInstances();
    }
}
