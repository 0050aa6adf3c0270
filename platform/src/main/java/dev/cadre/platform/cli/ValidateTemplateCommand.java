package dev.cadre.platform.cli;

import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.templates.ValidationReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cadre templates validate <file>}: offline, no database. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a template document without a database. Handler names are not checked offline: a host knows them.")
final class ValidateTemplateCommand extends CadreCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "The template document (JSON).")
    Path file;

    @Override
    int execute() {
        TemplateDocuments documents = new TemplateDocuments();
        ValidationReport report = TemplateValidator.offline(new ExpressionEngine()).validate(TemplateCommands.read(documents, file));
        report.problems().forEach(this::print);
        if (report.hasErrors()) {
            err().println(file + ": " + report.errors().size() + " problem(s)");
            return ExitCodes.USAGE;
        }
        out().println(file + ": valid (handler names not checked offline; import into a host to check them)");
        return ExitCodes.OK;
    }
}
