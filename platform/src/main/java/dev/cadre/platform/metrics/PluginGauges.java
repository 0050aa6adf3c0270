package dev.cadre.platform.metrics;

import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.plugins.PluginStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** {@code cadre_plugins{state}}: how many plugin JARs are in each state, read from the registry's snapshot at each scrape. */
public final class PluginGauges {

    private PluginGauges() {
    }

    /**
     * @param registry where the gauges live
     * @param plugins  the plugin snapshot (never waits for a plugin being loaded)
     */
    public static void register(MeterRegistry registry, Supplier<List<PluginInfo>> plugins) {
        for (PluginStatus status : PluginStatus.values()) {
            if (status == PluginStatus.UNLOADED) {
                continue; // a state listeners see in passing, never one a plugin stays in
            }
            Gauge.builder("cadre.plugins", () -> plugins.get().stream().filter(p -> p.status() == status).count())
                    .description("Plugin JARs by state")
                    .tag("state", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
