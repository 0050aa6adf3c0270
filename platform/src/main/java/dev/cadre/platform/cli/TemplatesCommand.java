package dev.cadre.platform.cli;

import picocli.CommandLine.Command;

/** {@code cadre templates}: the group of template commands. */
@Command(name = "templates", mixinStandardHelpOptions = true, description = "Import, export, validate and simulate template documents.",
        subcommands = {ExportTemplateCommand.class, ImportTemplateCommand.class, ValidateTemplateCommand.class, SimulateTemplateCommand.class})
final class TemplatesCommand extends CadreCommand {

    @Override
    int execute() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }
}
