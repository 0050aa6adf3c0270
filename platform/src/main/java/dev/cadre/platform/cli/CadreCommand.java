package dev.cadre.platform.cli;

import dev.cadre.platform.config.ConfigException;
import dev.cadre.platform.templates.InvalidTemplateException;
import dev.cadre.platform.templates.Problem;
import dev.cadre.platform.templates.TemplateNotFoundException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: turns failures into exit codes and one-line messages (problems one per
 * line, {@code path: message}, on stderr); never a stack trace.
 */
abstract class CadreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** @return the exit code */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (InvalidTemplateException e) {
            err().println(e.getMessage());
            e.report().problems().forEach(this::print);
            return ExitCodes.USAGE;
        } catch (TemplateNotFoundException | ConfigException | InvalidInputException e) {
            err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err().println("error: " + describe(e));
            return ExitCodes.FAILURE;
        }
    }

    /** Prints a problem on stderr. */
    void print(Problem problem) {
        err().println(problem);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return the top command, which holds the configuration */
    CadreMain main() {
        return (CadreMain) spec.root().userObject();
    }

    /** @return the message of the exception and of its root cause, when they differ */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null || message.contains(root.getMessage()) ? message : message + ": " + root.getMessage();
    }

    /** Bad input found by a command itself, e.g. a file that cannot be read: exit code 2. */
    static final class InvalidInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidInputException(String message) {
            super(message);
        }
    }
}
