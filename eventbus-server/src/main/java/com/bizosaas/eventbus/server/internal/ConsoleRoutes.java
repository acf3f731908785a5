package com.bizosaas.eventbus.server.internal;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;

/**
 * The web console at {@code /console}: static HTML, CSS and JavaScript modules from the server
 * jar (no CDN, no build step), which call the same HTTP API as any client with the key the
 * operator enters, so every tenant rule applies to it. The files themselves need no key.
 */
final class ConsoleRoutes {
    static final String PATH = "/console";

    private ConsoleRoutes() {
    }

    static void serveFiles(JavalinConfig javalin) {
        javalin.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            // The page must never run a stale script against a newer API after an upgrade.
            files.headers = java.util.Map.of("Cache-Control", "no-cache");
        });
    }

    /**
     * The page itself. Javalin matches {@code /console} with or without the slash; without it the
     * browser would resolve the page's relative script URLs against {@code /}, so it is redirected.
     */
    static void register(RoutesConfig routes) {
        byte[] page = Resources.read("/console/index.html");
        routes.get(PATH, ctx -> {
            if (ctx.path().endsWith("/")) {
                ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(page);
            } else {
                ctx.redirect(PATH + "/", HttpStatus.FOUND);
            }
        });
    }
}
