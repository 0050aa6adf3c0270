package dev.cadre.platform.plugins;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

/** Shared helpers: registries on a temporary directory and polling with generous bounds. */
final class PluginTestSupport {

    /** Generous on purpose: the tests run on a loaded 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static {
        // PF4J logs every class it loads at DEBUG under logback's default configuration
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.pf4j")).setLevel(Level.INFO);
    }

    private PluginTestSupport() {
    }

    static PluginHandlerRegistry registry(Path dir) {
        return registry(dir, PluginAllowlist.allowAll());
    }

    static PluginHandlerRegistry registry(Path dir, PluginAllowlist allowlist) {
        return registry(dir, allowlist, PluginHandlerRegistry.DEFAULT_LOAD_TIMEOUT);
    }

    static PluginHandlerRegistry registry(Path dir, PluginAllowlist allowlist, Duration loadTimeout) {
        BuiltinHandlerRegistry builtins = new BuiltinHandlerRegistry();
        builtins.register(new BuiltinEcho());
        PluginHandlerRegistry registry = new PluginHandlerRegistry(builtins, dir, allowlist, loadTimeout);
        registry.scan();
        return registry;
    }

    /** Polls until the condition holds, failing with the message after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    static void await(String what, BooleanSupplier condition, Supplier<Object> state) {
        try {
            Awaitility.await(what).atMost(PATIENCE).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            fail("timed out waiting for " + what + "; state: " + state.get());
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return where the handler comes from now (the lease is returned at once), or null when none serves it */
    static HandlerProvenance provenance(HandlerRegistry registry, String handlerName) {
        return registry.lease(handlerName).map(lease -> {
            try (lease) {
                return lease.provenance();
            }
        }).orElse(null);
    }

    /** @return the version of the plugin that serves the handler now, or null when none does */
    static String versionServing(HandlerRegistry registry, String handlerName) {
        HandlerProvenance provenance = provenance(registry, handlerName);
        return provenance == null ? null : provenance.pluginVersion();
    }

    /** @return the output of running the handler once */
    static Map<String, Object> run(HandlerRegistry registry, String handlerName) throws Exception {
        try (HandlerLease lease = registry.lease(handlerName).orElseThrow()) {
            return lease.handler().execute(null).output();
        }
    }

    static PluginInfo info(PluginHandlerRegistry registry, String file) {
        return registry.plugins().stream().filter(info -> info.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin file " + file + " in " + registry.plugins()));
    }

    static boolean hasFile(PluginHandlerRegistry registry, String file) {
        return registry.plugins().stream().anyMatch(info -> info.file().equals(file));
    }

    /** A handler on the host's class path. */
    static final class BuiltinEcho implements ActivityHandler {
        @Override
        public String name() {
            return "BuiltinEcho";
        }

        @Override
        public ActivityResult execute(ActivityContext context) {
            return ActivityResult.completed(Map.of("handler", "BuiltinEcho"));
        }
    }
}
