package com.bizosaas.eventbus.server.internal;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The hand-written OpenAPI 3 document at {@code /openapi.json}, rendered by Swagger UI at
 * {@code /docs} and ReDoc at {@code /redoc}; both pages load their scripts from the bundled
 * webjars, so the docs work without internet access. Immutable.
 */
final class DocsRoutes {
    static final String OPENAPI_RESOURCE = "/openapi.json";

    private final byte[] openApi = resource(OPENAPI_RESOURCE);
    private final byte[] swaggerPage = resource("/docs/swagger.html");
    private final byte[] redocPage = resource("/docs/redoc.html");

    void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(swaggerPage));
        routes.get("/redoc", ctx -> ctx.contentType("text/html; charset=utf-8").result(redocPage));
    }

    private static byte[] resource(String name) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
