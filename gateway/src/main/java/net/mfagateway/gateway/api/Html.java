package net.mfagateway.gateway.api;

import org.jsoup.nodes.Entities;

/**
 * The hosted pages' HTML: every interpolated value goes through {@link #esc}, which escapes
 * {@code & < > " '} and so is safe in text and in double-quoted attributes alike. No script, one
 * inline style sheet.
 */
final class Html {

    private static final String STYLE = """
            body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
            .flash{background:#e7f6e7;border:1px solid #9c9;padding:.5rem 1rem}
            .error{background:#fdecec;border:1px solid #d99;padding:.5rem 1rem}
            label{display:block;font-size:.9rem;color:#555}
            input[type=text]{width:100%;box-sizing:border-box;padding:.4rem;margin-bottom:.5rem}
            fieldset{border:1px solid #ddd;margin:0 0 .75rem}
            button{font-size:1rem;padding:.5rem 1.25rem}
            """;

    private Html() {
    }

    /** Escapes a value for HTML text or a double-quoted attribute; null becomes empty. */
    static String esc(String value) {
        return value == null ? "" : Entities.escape(value);
    }

    /** A whole document; {@code title} is escaped here, {@code body} must already be safe HTML. */
    static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex, nofollow">
                <title>%s</title>
                <style>%s</style>
                </head>
                <body>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(esc(title), STYLE, body);
    }

    /** A page that only says one thing: a heading and a sentence. */
    static String message(String title, String message) {
        return page(title, "<h1>" + esc(title) + "</h1>\n<p id=\"message\">" + esc(message) + "</p>");
    }
}
