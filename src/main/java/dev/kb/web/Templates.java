package dev.kb.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the precompiled jte templates (compiled with the rest of kb: a template that does not type-check fails
 * the build) and answers with the pages' own Content-Security-Policy: scripts and styles from kb only, no inline
 * script and no {@code eval}, images from kb only (a course's images are served by kb), requests back to kb only.
 */
final class Templates {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, String template, Map<String, Object> params) {
        render(ctx, template, params, POLICY);
    }

    void render(Context ctx, String template, Map<String, Object> params, String policy) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        ctx.header("Content-Security-Policy", policy);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** The frame of a page in the language this request asks for. */
    static Page page(Context ctx, Assets assets, String course, String section) {
        String lang = Lang.of(ctx);
        String other = lang.equals("de") ? "en" : "de";
        return new Page(Texts.of(lang), assets, null, other, Links.with(ctx, "lang", other), course, section);
    }
}
