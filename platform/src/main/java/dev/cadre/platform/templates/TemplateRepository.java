package dev.cadre.platform.templates;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Reads and writes templates in the four template tables, inside the caller's transaction. A full
 * template loads in four queries (template, phases, activities, dependencies), whatever its size.
 */
final class TemplateRepository {

    private final TemplateDocuments documents;

    TemplateRepository(TemplateDocuments documents) {
        this.documents = documents;
    }

    /** Serialises imports and publishes of one code across hosts, until the transaction ends. */
    void lock(Session session, String code) {
        session.doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                statement.setString(1, "cadre.template:" + code);
                statement.executeQuery().close();
            }
        });
    }

    int nextVersion(Session session, String code) {
        Integer max = session.createSelectionQuery("select max(t.version) from TemplateEntity t where t.code = :code", Integer.class)
                .setParameter("code", code).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    Optional<TemplateEntity> header(Session session, String code, int version) {
        return session.createSelectionQuery("from TemplateEntity where code = :code and version = :version", TemplateEntity.class)
                .setParameter("code", code).setParameter("version", version).uniqueResultOptional();
    }

    Optional<TemplateEntity> published(Session session, String code) {
        return session.createSelectionQuery("from TemplateEntity where code = :code and status = :status", TemplateEntity.class)
                .setParameter("code", code).setParameter("status", TemplateStatus.PUBLISHED).uniqueResultOptional();
    }

    Optional<Integer> publishedVersion(Session session, String code) {
        return session.createSelectionQuery("select t.version from TemplateEntity t where t.code = :code and t.status = :status", Integer.class)
                .setParameter("code", code).setParameter("status", TemplateStatus.PUBLISHED).uniqueResultOptional();
    }

    Optional<TemplateEntity> latest(Session session, String code) {
        return session.createSelectionQuery("from TemplateEntity where code = :code order by version desc", TemplateEntity.class)
                .setParameter("code", code).setMaxResults(1).uniqueResultOptional();
    }

    List<TemplateEntity> all(Session session) {
        return session.createSelectionQuery("from TemplateEntity order by code, version", TemplateEntity.class).getResultList();
    }

    /** Inserts the template with all its phases, activities and dependencies. */
    TemplateEntity insert(Session session, Template template, int version, TemplateStatus status) {
        TemplateEntity header = new TemplateEntity(template, version, status,
                template.scenarios().stream().map(documents::toMap).toList());
        if (status == TemplateStatus.PUBLISHED) {
            header.publishedAt = Instant.now();
        }
        session.persist(header);
        Map<String, Long> activityIds = new HashMap<>();
        for (PhaseTemplate phase : template.phases()) {
            PhaseTemplateEntity phaseRow = new PhaseTemplateEntity(header.id, phase);
            session.persist(phaseRow);
            int sequence = 1;
            for (ActivityTemplate activity : phase.activities()) {
                ActivityTemplateEntity row = new ActivityTemplateEntity(header.id, phaseRow.id, sequence++, activity,
                        documents.toMap(activity.retryPolicy()));
                session.persist(row);
                activityIds.put(activity.code(), row.id);
            }
        }
        for (ActivityTemplate activity : template.activities()) {
            for (Dependency dependency : activity.dependsOn()) {
                session.persist(new ActivityDependencyEntity(activityIds.get(activity.code()), activityIds.get(dependency.activity()),
                        dependency.type()));
            }
        }
        return header;
    }

    /** Makes that version the published one; the formerly published version becomes RETIRED. */
    void publish(Session session, String code, int version) {
        // retire first: the partial unique index allows one PUBLISHED row per code at any moment
        session.createMutationQuery("update TemplateEntity set status = :retired where code = :code and status = :published and version <> :version")
                .setParameter("retired", TemplateStatus.RETIRED).setParameter("published", TemplateStatus.PUBLISHED)
                .setParameter("code", code).setParameter("version", version).executeUpdate();
        session.createMutationQuery("update TemplateEntity set status = :published, publishedAt = :now where code = :code and version = :version "
                        + "and status <> :published")
                .setParameter("published", TemplateStatus.PUBLISHED).setParameter("now", Instant.now())
                .setParameter("code", code).setParameter("version", version).executeUpdate();
    }

    /** @return the full template of that row */
    Template load(Session session, TemplateEntity header) {
        List<PhaseTemplateEntity> phases = session.createSelectionQuery(
                        "from PhaseTemplateEntity where templateId = :id order by phaseOrder", PhaseTemplateEntity.class)
                .setParameter("id", header.id).getResultList();
        List<ActivityTemplateEntity> activities = session.createSelectionQuery(
                        "from ActivityTemplateEntity where templateId = :id order by phaseId, sequenceOrder", ActivityTemplateEntity.class)
                .setParameter("id", header.id).getResultList();
        List<ActivityDependencyEntity> dependencies = session.createSelectionQuery(
                        "select d from ActivityDependencyEntity d where d.activityId in "
                                + "(select a.id from ActivityTemplateEntity a where a.templateId = :id) order by d.id", ActivityDependencyEntity.class)
                .setParameter("id", header.id).getResultList();

        Map<Long, String> codes = new HashMap<>();
        activities.forEach(a -> codes.put(a.id, a.activityCode));
        Map<Long, List<Dependency>> dependsOn = new HashMap<>();
        for (ActivityDependencyEntity d : dependencies) {
            dependsOn.computeIfAbsent(d.activityId, id -> new ArrayList<>())
                    .add(new Dependency(codes.get(d.dependsOnId), DependencyType.of(d.dependencyType)));
        }
        Map<String, String> pins = ReleasePins.versions(session, header.id);
        Map<Long, List<ActivityTemplate>> byPhase = new LinkedHashMap<>();
        for (ActivityTemplateEntity a : activities) {
            byPhase.computeIfAbsent(a.phaseId, id -> new ArrayList<>()).add(activity(a, dependsOn.getOrDefault(a.id, List.of()), pins));
        }
        List<PhaseTemplate> phaseList = phases.stream().map(p -> new PhaseTemplate(p.phaseName, p.phaseOrder,
                ExecutionMode.of(p.executionMode), p.fanOutExpression, p.maxParallelism, p.maxInstances, byPhase.getOrDefault(p.id, List.of()))).toList();
        List<Scenario> scenarios = header.scenarios == null ? List.of()
                : header.scenarios.stream().map(s -> documents.convert(s, Scenario.class)).toList();
        return new Template(header.code, header.name, header.version, header.description, phaseList, header.parameters, scenarios);
    }

    private ActivityTemplate activity(ActivityTemplateEntity a, List<Dependency> dependsOn, Map<String, String> pins) {
        RetryPolicy retry = a.retryPolicy == null || a.retryPolicy.isEmpty() ? RetryPolicy.DEFAULT : documents.convert(a.retryPolicy, RetryPolicy.class);
        return new ActivityTemplate(a.activityCode, a.activityName, ActivityType.valueOf(a.activityType), a.manual, a.handlerName,
                ExecutionMode.of(a.executionMode), a.timeoutSeconds, retry, a.conditionalExpression, a.config, dependsOn,
                a.handlerVersion, pins.get(a.activityCode));
    }
}
