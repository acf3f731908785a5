package com.bizosaas.eventbus.server.internal;

import io.javalin.config.RoutesConfig;

/**
 * The hand-written OpenAPI 3 document at {@code /openapi.json}, rendered by Swagger UI at
 * {@code /docs} and ReDoc at {@code /redoc}; both pages load their scripts from the bundled
 * webjars, so the docs work without internet access. Immutable.
 */
final class DocsRoutes {
    static final String OPENAPI_RESOURCE = "/openapi.json";

    private final byte[] openApi = Resources.read(OPENAPI_RESOURCE);
    private final byte[] swaggerPage = Resources.read("/docs/swagger.html");
    private final byte[] redocPage = Resources.read("/docs/redoc.html");

    void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(swaggerPage));
        routes.get("/redoc", ctx -> ctx.contentType("text/html; charset=utf-8").result(redocPage));
    }
}
