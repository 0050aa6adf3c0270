package dev.cadre.platform.cli;

import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.templates.StoredTemplate;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cadre templates import <file> [--publish] [--force]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Validate a template document and store it as the next version of its code.")
final class ImportTemplateCommand extends CadreCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "The template document (JSON).")
    Path file;

    @Option(names = "--publish", description = "Publish the new version: new workflows of its code start on it.")
    boolean publish;

    @Option(names = "--force", description = "Publish even though it names handlers no built-in provides (plugins are not loaded by the CLI).")
    boolean force;

    @Override
    int execute() {
        TemplateDocuments documents = new TemplateDocuments();
        Template document = TemplateCommands.read(documents, file);
        StoredTemplate stored;
        try (Database database = TemplateCommands.open(main())) {
            stored = TemplateCommands.service(database, documents, main().knownHandlers()).importTemplate(document, publish, force);
        }
        stored.report().problems().forEach(this::print);
        out().println("Imported " + stored.template().code() + " version " + stored.template().version() + " (" + stored.status() + ")");
        return ExitCodes.OK;
    }
}
