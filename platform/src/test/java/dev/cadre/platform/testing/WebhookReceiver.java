package dev.cadre.platform.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP receiver on loopback that keeps every body posted to it, in order, and answers 204. */
public final class WebhookReceiver implements AutoCloseable {

    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    /** Starts listening on a free loopback port. */
    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the webhook receiver", e);
        }
        server.createContext("/", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** @return the URL to post to */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** @return the bodies received so far, oldest first */
    public List<String> posts() {
        return posts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
