package dev.cadre.platform.templates;

/**
 * The outcome of an import or a publish.
 *
 * @param template the template as stored, with the version the host gave it
 * @param status   its status now
 * @param report   the warnings it was stored with (errors are never stored)
 */
public record StoredTemplate(Template template, TemplateStatus status, ValidationReport report) {
}
