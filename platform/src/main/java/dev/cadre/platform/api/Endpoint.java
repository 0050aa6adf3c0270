package dev.cadre.platform.api;

/** What a route does with a request; exceptions become the JSON error body (see {@link ErrorHandling}). */
@FunctionalInterface
interface Endpoint {

    /**
     * @param call the request, in blocking mode off the IO thread
     * @throws Exception anything; mapped by type to a status
     */
    void handle(Call call) throws Exception;
}
