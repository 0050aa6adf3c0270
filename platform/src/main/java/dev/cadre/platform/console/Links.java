package dev.cadre.platform.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The console's URLs, with every part encoded (templates escape for HTML, not for URLs). */
final class Links {

    private Links() {
    }

    static String task(String workflowId, String code, String instance) {
        return "/tasks/" + encode(workflowId) + "/" + encode(code) + (instance == null || instance.isEmpty() ? "" : "?instance=" + encode(instance));
    }

    /** @return the console's claim or unclaim post of a task ({@code action}: claim, unclaim) */
    static String claim(String workflowId, String code, String instance, String action) {
        String path = "/tasks/" + encode(workflowId) + "/" + encode(code) + "/" + action;
        return instance == null || instance.isEmpty() ? path : path + "?instance=" + encode(instance);
    }

    static String run(String workflowId) {
        return "/workflows/" + encode(workflowId);
    }

    /** Artifact names keep their {@code /}: each segment is encoded. */
    static String artifact(String workflowId, String name) {
        return run(workflowId) + "/artifacts/" + Arrays.stream(name.split("/")).map(Links::encode).collect(Collectors.joining("/"));
    }

    /** @return the URL with the session's CSRF token as a query parameter (for multipart posts, checked before their body is read) */
    static String withCsrf(String url, String csrf) {
        return url + (url.contains("?") ? "&" : "?") + Console.CSRF + "=" + encode(csrf);
    }

    static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
