package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import dev.cadre.platform.testing.Sql;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's task uploads over real HTTP, without a browser: a data owner's evidence goes through the
 * task's form and the artifact rule REST uses; an admin's replacement of evidence a completed step relied
 * on is refused on the console as over REST; and a multipart post from someone whose task it is not is
 * refused before its body is read.
 */
class ConsoleUploadIT {

    static final String PASSWORD = "correct horse battery";
    static final String BOUNDARY = "cadre-test-boundary";

    @TempDir
    static Path home;

    static ApiFixture api;
    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.usingArtifact("console-validator", "ApiValidate"))
                .expect(201);
        for (List<String> user : List.of(List.of("dora", "data-owner"), List.of("ada", "admin"), List.of("vic", "viewer"))) {
            api.postJson("/api/users", api.json(Map.of("username", user.get(0), "password", PASSWORD, "roles", List.of(user.get(1)))))
                    .expect(201);
        }
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/console/console-write-once.json")))
                .expect(201);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void evidenceGoesThroughTheFormAndAReplacementOfUsedEvidenceIsRefusedAsOverRest() throws Exception {
        String id = startRun("CONSOLE-1");
        byte[] evidence = "document,id\nledger,1\n".getBytes(StandardCharsets.UTF_8);
        String dora = signIn("dora");
        String page = get(dora, "/tasks/" + id + "/UPLOAD_EVIDENCE");
        assertTrue(page.contains("Stored as evidence/finance.csv"), page);
        HttpResponse<String> done = postMultipart(dora, action(page), "field.evidence", evidence, "DONE");
        assertEquals(303, done.statusCode(), done.body());
        JsonNode stored = api.get("/api/workflows/" + id + "/artifacts").expect(200).json().get(0);
        assertEquals("evidence/finance.csv", stored.get("name").asText());
        assertEquals("text/csv", stored.get("contentType").asText());
        ApiFixture.await("REVIEW_EVIDENCE waiting", () -> api.get("/api/tasks?workflowId=" + id).text().contains("REVIEW_EVIDENCE"));
        Object data = Sql.query(api.host.database().dataSource(), """
                SELECT a.output::text AS output FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'UPLOAD_EVIDENCE'""", id).get(0).get("output");
        assertTrue(String.valueOf(data).contains(stored.get("sha256").asText()), "the completion carries the file's SHA-256: " + data);

        String ada = signIn("ada");
        String review = get(ada, "/tasks/" + id + "/REVIEW_EVIDENCE");
        byte[] other = "document,id\nledger,2\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = postMultipart(ada, action(review), "field.corrected", other, "APPROVED");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("step VALIDATE completed on it"), refused.body());
        assertEquals("artifact_in_use", api.put("/api/workflows/" + id + "/artifacts/evidence/finance.csv?replace=true", "text/csv", other)
                .error(409), "REST says the same");
        assertTrue(api.get("/api/tasks?workflowId=" + id).text().contains("REVIEW_EVIDENCE"), "the task is still open");
    }

    @Test
    void aMultipartPostFromSomeoneWhoseTaskItIsNotIsRefusedBeforeItsBodyIsRead() throws Exception {
        String id = startRun("CONSOLE-2");
        String vic = signIn("vic");
        String inbox = get(vic, "/");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(inbox);
        assertTrue(csrf.find(), inbox);
        int declared = 200_000; // within the upload limit: only the task check can refuse it this early
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /tasks/" + id + "/UPLOAD_EVIDENCE?csrf=" + csrf.group(1) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Cookie: " + vic + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"field.evidence\"; filename=\"e.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1_000]);
            out.flush();
            // the rest of the body never comes: an answer now means nobody waited to read it whole
            String status = statusLine(socket.getInputStream());
            assertTrue(status.startsWith("HTTP/1.1 403"), status);
        }
        assertEquals(0, api.get("/api/workflows/" + id + "/artifacts").json().size(), "nothing stored");
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    private static String startRun(String businessKey) {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "console-write-once", "businessKey", businessKey)))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("UPLOAD_EVIDENCE waiting", () -> api.get("/api/tasks?workflowId=" + id).text().contains("UPLOAD_EVIDENCE"));
        return id;
    }

    /** @return the session cookie ({@code name=value}) */
    private String signIn(String username) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + PASSWORD.replace(" ", "+"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, response.statusCode(), response.body());
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private String get(String cookie, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api.uri(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** @return the task form's action, unescaped */
    private static String action(String page) {
        Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\" class=\"card\" enctype").matcher(page);
        assertTrue(action.find(), page);
        return action.group(1).replace("&amp;", "&").replace("&#61;", "=").replace("&#x3D;", "=");
    }

    private HttpResponse<String> postMultipart(String cookie, String action, String field, byte[] file, String outcome) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"outcome\"\r\n\r\n" + outcome + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"evidence.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(api.uri("/").toString().replaceAll("/$", "") + action)).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
