package dev.cadre.platform.audit;

import dev.cadre.platform.users.Principal;

/**
 * Who did something, and from where: the authenticated caller's name and the client's address as the
 * host saw it (a proxy's address unless the proxy is the client).
 *
 * @param name   the user's name ({@code admin} for the bootstrap token, {@code system} for the host itself)
 * @param client the client's address, or {@code null} when the host acted on its own
 */
public record Actor(String name, String client) {

    /** The host itself: the plugin directory watcher, recovery at start-up, the CLI on the database. */
    public static final Actor SYSTEM = new Actor("system", null);

    /**
     * @param principal the authenticated caller
     * @param client    the client's address
     * @return the actor
     */
    public static Actor of(Principal principal, String client) {
        return new Actor(principal.username(), client);
    }
}
