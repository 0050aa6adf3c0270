package dev.cadre.platform.cli;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigLoader;
import dev.cadre.platform.host.BundledPlugins;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.plugins.BuiltinHandlerRegistry;
import dev.cadre.platform.plugins.PluginAllowlist;
import dev.cadre.platform.plugins.PluginHandlerRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/cadre}: the host's command line. Subcommands are separate classes, registered in the
 * {@code subcommands} list below (the one place to add {@code run}, {@code demo}, {@code plugins}...).
 * They reach the configuration and the database through this object ({@link CadreCommand#main()}).
 */
@Command(name = "cadre", mixinStandardHelpOptions = true, versionProvider = CadreMain.Version.class,
        description = "Cadre: database-driven Temporal workflows with plugin activity handlers.",
        subcommands = {RunCommand.class, DemoCommand.class, MigrateCommand.class, TemplatesCommand.class, PluginsCommand.class,
            UsersCommand.class, TemporalDevCommand.class,
            AuditCommand.class})
public final class CadreMain implements Callable<Integer> {

    private final Map<String, String> environment;
    private final Path defaultHome;

    @Spec
    private CommandSpec spec;

    /** The command line of a real process: the process environment, home = {@code CADRE_HOME} or the current directory. */
    public CadreMain() {
        this(System.getenv(), Path.of(""));
    }

    /**
     * @param environment the variables configuration is read from (tests pass their own)
     * @param defaultHome the home when {@code CADRE_HOME} is not set
     */
    public CadreMain(Map<String, String> environment, Path defaultHome) {
        this.environment = Map.copyOf(environment);
        this.defaultHome = defaultHome;
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(commandLine(new CadreMain()).execute(args));
    }

    /**
     * @param main the top command
     * @return the picocli command line, with a last-resort handler that prints a message, not a stack trace
     */
    public static CommandLine commandLine(CadreMain main) {
        return new CommandLine(main).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + CadreCommand.describe(e));
            return ExitCodes.FAILURE;
        });
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** @return the configuration from {@code conf/cadre.properties} and the environment */
    CadreConfig config() {
        return new ConfigLoader(environment).load(defaultHome);
    }

    /** @return the database (embedded or {@code CADRE_DB_URL}), migrated, with the given entities */
    Database openDatabase(List<Class<?>> entities) {
        return Database.open(config(), entities);
    }

    /**
     * The handler names this installation provides: the built-ins on the class path and the handlers
     * of the JARs in the plugins directory (loaded for the question, then unloaded). A running host may
     * have more (plugins uploaded through REST land in the same directory, so they count too).
     */
    Predicate<String> knownHandlers() {
        CadreConfig config = config();
        try (PluginHandlerRegistry plugins = new PluginHandlerRegistry(BuiltinHandlerRegistry.fromClassPath(), BundledPlugins.loadableDir(config),
                PluginAllowlist.load(config.pluginsAllowlist()), config.pluginLoadTimeout())) {
            plugins.scan();
            return Set.copyOf(plugins.handlers().keySet())::contains;
        }
    }

    /**
     * @return the output shape each handler declares, built-ins and the plugins directory's (loaded,
     *         read and unloaded), so offline validation type-checks expressions as a host does
     */
    java.util.Map<String, java.util.Map<String, Object>> handlerShapes() {
        CadreConfig config = config();
        try (PluginHandlerRegistry plugins = new PluginHandlerRegistry(BuiltinHandlerRegistry.fromClassPath(), BundledPlugins.loadableDir(config),
                PluginAllowlist.load(config.pluginsAllowlist()), config.pluginLoadTimeout())) {
            plugins.scan();
            java.util.Map<String, java.util.Map<String, Object>> shapes = new java.util.TreeMap<>();
            for (String handler : plugins.handlers().keySet()) {
                plugins.outputShape(handler).ifPresent(shape -> shapes.put(handler, java.util.Map.copyOf(shape)));
            }
            return shapes;
        }
    }

    /** The version printed by {@code --version}: the jar's, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CadreMain.class.getPackage().getImplementationVersion();
            return new String[] {"cadre " + (version == null ? "development" : version)};
        }
    }
}
