package dev.cadre.platform.console;

import dev.cadre.platform.cluster.PluginAdmin;

import dev.cadre.platform.console.Sessions.Session;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.runs.Application;
import dev.cadre.platform.users.Principal;
import dev.cadre.platform.users.User;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The console: server-rendered pages on the admin port, next to the REST API. One route table; each
 * route names who may open it and its body limit. Signed-in pages need a live session whose user is
 * still enabled (checked on every request); every form post carries the session's CSRF token and is
 * refused from other sites. Paths that are not the console's go on to the REST router.
 */
public final class Console {

    private final RoutingHandler routes = new RoutingHandler(false);
    private final Sessions sessions;
    private final Pages pages = new Pages();
    private final ConsoleErrors errors = new ConsoleErrors(pages);
    private final CadreHost host;
    private final long maxFormBytes;
    private final long maxUploadBytes;

    private Console(CadreHost host, HttpHandler api) {
        this.host = host;
        this.sessions = new Sessions(host.database().dataSource(), Clock.systemUTC());
        this.maxFormBytes = host.config().maxJsonBytes();
        this.maxUploadBytes = host.config().maxUploadBytes();
        // the REST API's paths go on to its router; any other path is the console's: a page, never the API's JSON
        HttpHandler notFound = guard(Need.NOBODY, 0, false, visit -> {
            throw ConsoleException.notFound("There is no page " + visit.exchange().getRequestPath() + " here.");
        });
        routes.setFallbackHandler(exchange -> (isApi(exchange.getRequestPath()) ? api : notFound).handleRequest(exchange));
        routes.setInvalidMethodHandler(exchange -> (isApi(exchange.getRequestPath()) ? api : notFound).handleRequest(exchange));
    }

    /** @return whether the path is the REST API's (or the metrics scrape), which answers in JSON */
    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics");
    }

    /**
     * A page's path with a trailing slash ({@code /workflows/}) is sent to the page without it; the API's
     * answer 404 for them (see {@code Call.path}).
     */
    private HttpHandler withoutTrailingSlash(HttpHandler next) {
        return exchange -> {
            String path = exchange.getRequestPath();
            if (path.length() > 1 && path.endsWith("/") && !isApi(path) && exchange.getRequestMethod().equals(Methods.GET)) {
                String query = exchange.getQueryString();
                Optional<String> target = ReturnPath.of(path.replaceAll("/+$", "")).map(p -> query == null || query.isEmpty() ? p : p + "?" + query);
                if (target.isPresent()) {
                    Pages.secure(exchange);
                    exchange.setStatusCode(io.undertow.util.StatusCodes.PERMANENT_REDIRECT);
                    exchange.getResponseHeaders().put(Headers.LOCATION, target.get());
                    exchange.endExchange();
                    return;
                }
            }
            next.handleRequest(exchange);
        };
    }

    /**
     * @param host the running host
     * @param api  the REST router, for every path the console does not serve
     * @return the handler of the admin port (call it in blocking mode, off the IO thread)
     */
    public static HttpHandler around(CadreHost host, HttpHandler api) {
        Console console = new Console(host, api);
        console.addRoutes();
        return console.withoutTrailingSlash(console.routes);
    }

    private void addRoutes() {
        Application application = host.application();
        byte[] css = resource("console/console.css");
        get("/console.css", Need.NOBODY, visit -> {
            visit.exchange().getResponseHeaders().put(Headers.CACHE_CONTROL, "max-age=300");
            Pages.send(visit.exchange(), 200, "text/css; charset=utf-8", css);
        });
        byte[] refresh = resource("console/refresh.js");
        get("/refresh.js", Need.NOBODY, visit -> {
            visit.exchange().getResponseHeaders().put(Headers.CACHE_CONTROL, "max-age=300");
            Pages.send(visit.exchange(), 200, "text/javascript; charset=utf-8", refresh);
        });

        host.users().onCredentialsChanged(sessions::endAllFor);
        LoginPages login = new LoginPages(host.users(), sessions, pages, host.audit(), host.config().signIn());
        get("/login", Need.NOBODY, login::form);
        post("/login", Need.NOBODY, maxFormBytes, login::signIn);
        post("/logout", Need.SIGNED_IN, maxFormBytes, login::signOut);
        host.singleSignOn().ifPresent(sso -> {
            SsoPages single = new SsoPages(sso, sessions, login, host.audit());
            get(SsoPages.START, Need.NOBODY, single::start);
            get(SsoPages.CALLBACK, Need.NOBODY, single::callback);
        });

        TaskPages tasks = new TaskPages(application.runs(), application.tasks(), application.artifacts(), host.audit(), pages);
        get("/", Need.SIGNED_IN, tasks::inbox);
        get("/tasks/{workflowId}/{code}", Need.SIGNED_IN, tasks::task);
        post("/tasks/{workflowId}/{code}", Need.SIGNED_IN, maxUploadBytes, tasks::complete);
        post("/tasks/{workflowId}/{code}/claim", Need.SIGNED_IN, maxFormBytes, tasks::claim);
        post("/tasks/{workflowId}/{code}/unclaim", Need.SIGNED_IN, maxFormBytes, tasks::unclaim);

        WorkflowPages workflows = new WorkflowPages(application.runs(), application.artifacts(), host.templates(), host.json().mapper(), host.audit(), pages);
        get("/workflows", Need.SIGNED_IN, workflows::list);
        post("/workflows", Need.OPERATOR, maxFormBytes, workflows::start);
        get("/workflows/{id}", Need.SIGNED_IN, workflows::run);
        get("/workflows/{id}/report", Need.SIGNED_IN, workflows::report);
        RunActions runActions = new RunActions(application.runs(), host.templates(), host.audit(), pages);
        get("/workflows/{id}/actions/{action}", Need.OPERATOR, runActions::confirm);
        post("/workflows/{id}/actions/{action}", Need.OPERATOR, maxFormBytes, runActions::act);
        StepPage steps = new StepPage(application.runs(), application.artifacts(), pages);
        get("/workflows/{id}/steps/{code}", Need.SIGNED_IN, steps::show);
        get("/workflows/{id}/artifacts/*", Need.SIGNED_IN, workflows::artifact);

        StatsPage stats = new StatsPage(application.runs(), pages);
        get("/stats", Need.SIGNED_IN, stats::show);

        AuditPage audit = new AuditPage(host.audit(), pages);
        get("/audit", Need.AUDIT, audit::show);

        PluginPages plugins = new PluginPages(host.handlers(), new PluginAdmin(host.cluster(), host.handlers()), host.audit(), pages);
        ClusterPage cluster = new ClusterPage(host.cluster(), pages);
        get("/cluster", Need.ADMIN, cluster::show);
        get("/plugins", Need.ADMIN, plugins::list);
        post("/plugins", Need.ADMIN, maxUploadBytes, plugins::upload);
        post("/plugins/{id}/{action}", Need.ADMIN, maxFormBytes, plugins::act);

        TemplatePages templates = new TemplatePages(host, pages);
        get("/templates", Need.ADMIN, templates::list);
        post("/templates/validate", Need.ADMIN, maxFormBytes, templates::validate);
        post("/templates/{code}/versions/{v}/publish", Need.ADMIN, maxFormBytes, templates::publish);
        post("/templates/{code}/versions/{v}/simulate", Need.ADMIN, maxFormBytes, templates::simulate);
    }

    /** What a console page does with a request. */
    @FunctionalInterface
    interface Page {
        void handle(Visit visit) throws Exception;
    }

    private void get(String path, Need need, Page page) {
        routes.add(Methods.GET, path, guard(need, 0, false, page));
    }

    private void post(String path, Need need, long limit, Page page) {
        routes.add(Methods.POST, path, guard(need, limit, true, page));
    }

    private HttpHandler guard(Need need, long limit, boolean post, Page page) {
        return exchange -> {
            exchange.setMaxEntitySize(post ? limit : 0); // before anything opens the request channel
            Pages.secure(exchange);
            Optional<Session> session = sessions.find(SessionCookie.read(exchange));
            Principal principal = session.flatMap(s -> host.users().find(s.username())).filter(u -> !u.disabled())
                    .map(User::principal).orElse(null);
            Visit visit = new Visit(exchange, principal == null ? null : session.get(), principal);
            try {
                if (post && "cross-site".equals(exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"))) {
                    throw new ConsoleException(403, "Forms of the console can only be sent from the console.");
                }
                if (need != Need.NOBODY && principal == null) {
                    session.ifPresent(s -> sessions.close(s.id()));
                    // a page asked for comes back after signing in (a post's page does not: its form is gone)
                    String back = post ? "" : ReturnPath.of(ReturnPath.requested(visit)).filter(p -> !"/".equals(p)).orElse("");
                    visit.redirect(back.isEmpty() ? "/login" : "/login?next=" + Links.encode(back));
                    return;
                }
                if (principal != null && !need.allows(principal)) {
                    throw ConsoleException.forbidden(need.role());
                }
                if (post && need != Need.NOBODY && !session.get().csrfMatches(csrf(visit))) {
                    throw new ConsoleException(403, "The form has expired or did not come from this console. Open the page again and retry.");
                }
                page.handle(visit);
            } catch (Exception | LinkageError e) {
                errors.render(visit, e);
            }
        };
    }

    /** The name of the CSRF token, a form field (or, for multipart posts, a query parameter). */
    static final String CSRF = "csrf";

    /**
     * A multipart post (files) carries its CSRF token in the URL, so the sender is checked before its body
     * is read; any other post carries it in the form.
     */
    private static String csrf(Visit visit) {
        String type = visit.exchange().getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return visit.query(CSRF).orElse(null);
        }
        return visit.form().text(CSRF).orElse(null);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console resource " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console resource " + name, e);
        }
    }
}
