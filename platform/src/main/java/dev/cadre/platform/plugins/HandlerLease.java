package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.ActivityHandler;

/** A handler borrowed for one execution; see {@link HandlerRegistry#lease(String)}. */
public interface HandlerLease extends AutoCloseable {

    /** @return the handler to call */
    ActivityHandler handler();

    /** @return which built-in or plugin version provides it */
    HandlerProvenance provenance();

    /** Returns the lease; the handler must not be used afterwards. Idempotent. */
    @Override
    void close();
}
