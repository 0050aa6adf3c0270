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
        description = "Check a template document without a database: its structure, and its expressions type-checked against the "
                + "declared parameters and the output shapes of the built-in handlers and those in the plugins directory. Handler names "
                + "are not checked offline: a host knows them.")
final class ValidateTemplateCommand extends CadreCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "The template document (JSON).")
    Path file;

    @Override
    int execute() {
        TemplateDocuments documents = new TemplateDocuments();
        var shapes = main().handlerShapes();
        ValidationReport report = TemplateValidator.offline(new ExpressionEngine(), handler -> java.util.Optional.ofNullable(shapes.get(handler)))
                .validate(TemplateCommands.read(documents, file));
        report.problems().forEach(this::print);
        if (report.hasErrors()) {
            err().println(file + ": " + report.errors().size() + " problem(s)");
            return ExitCodes.USAGE;
        }
        out().println(file + ": valid (handler names not checked offline; import into a host to check them)");
        return ExitCodes.OK;
    }
}
