package dev.cadre.platform.notifications;

import java.net.URI;

/**
 * How a URL appears in logs and failure messages: scheme, host and port only. Webhook URLs often carry their
 * secret in the path ({@code /services/T0/B0/XXXX}), the query ({@code ?token=}) or the user part, so none of
 * those is ever written out.
 */
final class RedactedUrl {

    private RedactedUrl() {
    }

    /** @param url a URL @return {@code scheme://host[:port]}, with {@code /…} when anything followed */
    static String of(URI url) {
        String shown = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        boolean more = url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
                || url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/");
        return more ? shown + "/…" : shown;
    }
}
