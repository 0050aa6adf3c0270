package dev.cadre.platform.cli;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateEntities;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** What the template commands share: reading a document file and building the template service. */
final class TemplateCommands {

    private TemplateCommands() {
    }

    static Template read(TemplateDocuments documents, Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CadreCommand.InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
        return documents.read(json);
    }

    static TemplateService service(Database database, TemplateDocuments documents, Predicate<String> knownHandlers) {
        return new TemplateService(database, new TemplateValidator(new ExpressionEngine(), knownHandlers), documents);
    }

    static Database open(CadreMain main) {
        return main.openDatabase(TemplateEntities.all());
    }
}
