package dev.cadre.platform.cli;

import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.templates.TemplateDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cadre templates export <code> [--version N] [--output file]}. */
// no standard help mixin: its --version would clash with the template version option
@Command(name = "export",
        description = "Print a template document as JSON: the published version, or the latest when none is published.")
final class ExportTemplateCommand extends CadreCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "<code>", description = "The template code, e.g. test-cycle.")
    String code;

    @Option(names = "--version", paramLabel = "N", description = "Export this version instead.")
    Integer version;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file instead of standard output.")
    Path output;

    @Override
    int execute() throws Exception {
        TemplateDocuments documents = new TemplateDocuments();
        String json;
        try (Database database = TemplateCommands.open(main())) {
            json = TemplateCommands.service(database, documents, main().knownHandlers()).export(code, version);
        }
        if (output == null) {
            out().println(json);
        } else {
            Files.writeString(output, json, StandardCharsets.UTF_8);
            err().println("Wrote " + code + " to " + output);
        }
        return ExitCodes.OK;
    }
}
