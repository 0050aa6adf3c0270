package dev.cadre.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The console's share of the log, as a command wants it: {@code cadre demo} shows people only its own
 * lines and {@code cadre run} warnings and errors, while the log file keeps everything. Closing it
 * gives the console back its full log (commands run in-process in tests).
 */
public final class ConsoleLog implements AutoCloseable {

    private final List<ConsoleAppender<ILoggingEvent>> consoles;
    private final ThresholdFilter filter;

    private ConsoleLog(List<ConsoleAppender<ILoggingEvent>> consoles, ThresholdFilter filter) {
        this.consoles = consoles;
        this.filter = filter;
    }

    /**
     * @param level the lowest level the console still shows
     * @return the threshold in force until closed; nothing changes when logging is not logback's
     */
    public static ConsoleLog atLeast(Level level) {
        ThresholdFilter filter = new ThresholdFilter();
        filter.setLevel(level.levelStr);
        filter.start();
        List<ConsoleAppender<ILoggingEvent>> consoles = consoles();
        consoles.forEach(console -> console.addFilter(filter));
        return new ConsoleLog(consoles, filter);
    }

    /** @return true when the console writes JSON lines ({@code CADRE_LOG_FORMAT=json}) */
    public static boolean json() {
        return consoles().stream().anyMatch(console -> console.getEncoder() instanceof FormatEncoder format && format.json());
    }

    /** @return the file the root logger writes to, when there is one */
    public static Optional<Path> file() {
        for (Appender<ILoggingEvent> appender : rootAppenders()) {
            if (appender instanceof FileAppender<ILoggingEvent> file && file.getFile() != null) {
                return Optional.of(Path.of(file.getFile()).toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // logback has no removeFilter: the list is rebuilt without this one
        for (ConsoleAppender<ILoggingEvent> console : consoles) {
            var kept = new ArrayList<>(console.getCopyOfAttachedFiltersList());
            kept.remove(filter);
            console.clearAllFilters();
            kept.forEach(console::addFilter);
        }
    }

    private static List<ConsoleAppender<ILoggingEvent>> consoles() {
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Appender<ILoggingEvent> appender : rootAppenders()) {
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                consoles.add(console);
            }
        }
        return consoles;
    }

    private static List<Appender<ILoggingEvent>> rootAppenders() {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Iterator<Appender<ILoggingEvent>> all = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
            all.forEachRemaining(appenders::add);
        }
        return appenders;
    }
}
