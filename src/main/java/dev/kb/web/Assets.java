package dev.kb.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The pages' own files (styles, scripts) and Swagger UI's, under addresses that change with their content
 * ({@code /assets/HASH/app.css}, {@code /assets/swagger-ui-VERSION/…}): a browser keeps them for a year without
 * asking again, and a new kb is a new address. Only the files named here are served, read once at start.
 */
public final class Assets {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final List<String> OWN = List.of("app.css", "app.js", "api.js");
    private static final List<String> SWAGGER = List.of("swagger-ui-bundle.js", "swagger-ui.css");
    /** Swagger UI's files share the route: their version is the WebJar's, after this prefix. */
    private static final String SWAGGER_PREFIX = "swagger-ui-";
    private static final String SWAGGER_ROOT = "/META-INF/resources/webjars/swagger-ui/";

    private final String version;
    private final String swaggerVersion;
    private final Map<String, byte[]> own = new HashMap<>();

    Assets() {
        MessageDigest sha = sha256();
        for (String name : OWN) {
            byte[] bytes = read("/web/" + name);
            own.put(name, bytes);
            sha.update(bytes);
        }
        this.version = HexFormat.of().formatHex(sha.digest(), 0, 6);
        this.swaggerVersion = swaggerVersion();
    }

    /** The address of one of kb's own files. */
    public String url(String name) {
        return "/assets/" + version + "/" + name;
    }

    public String swaggerUrl(String name) {
        return "/assets/" + SWAGGER_PREFIX + swaggerVersion + "/" + name;
    }

    void serve(Context ctx) {
        if (ctx.pathParam("version").startsWith(SWAGGER_PREFIX)) {
            swagger(ctx);
        } else {
            own(ctx);
        }
    }

    private void own(Context ctx) {
        byte[] bytes = own.get(ctx.pathParam("file"));
        if (bytes == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
            return;
        }
        // An old page may ask with an old version: it gets today's file, which must not be kept for a year.
        ctx.header("Cache-Control", version.equals(ctx.pathParam("version")) ? IMMUTABLE : "no-cache");
        ctx.contentType(type(ctx.pathParam("file"))).result(bytes);
    }

    private void swagger(Context ctx) {
        String file = ctx.pathParam("file");
        if (!SWAGGER.contains(file) || !(SWAGGER_PREFIX + swaggerVersion).equals(ctx.pathParam("version"))) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
            return;
        }
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.contentType(type(file)).result(read(SWAGGER_ROOT + swaggerVersion + "/" + file));
    }

    private static String type(String name) {
        return name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    }

    private static String swaggerVersion() {
        Properties p = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
