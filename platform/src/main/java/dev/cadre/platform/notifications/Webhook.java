package dev.cadre.platform.notifications;

import dev.cadre.platform.engine.TaskNotice;
import dev.cadre.platform.persistence.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs a task notice as JSON, with short timeouts: a slow receiver costs an attempt, never a run. Failures
 * name the receiver by scheme, host and port only ({@link RedactedUrl}): the rest of the URL may be its secret.
 */
final class Webhook {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI target;
    private final String shown;
    private final Json json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Webhook(URI target, Json json) {
        this.target = target;
        this.shown = RedactedUrl.of(target);
        this.json = json;
    }

    void post(TaskNotice notice) {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.write(json.plain(notice)))).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(shown + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(shown + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to " + shown, e);
        }
    }
}
