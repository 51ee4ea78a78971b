package org.wechatmp.admin.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves the bundled assets: {@code /webjars/**} from the webjars' {@code META-INF/resources} and
 * {@code /static/**} from the war's {@code static/} resources. Only a few file types, never a directory.
 */
final class Assets {
    private static final Map<String, String> TYPES = Map.of("css", "text/css", "js", "text/javascript",
            "map", "application/json", "svg", "image/svg+xml", "png", "image/png", "woff2", "font/woff2",
            "ico", "image/x-icon");

    private Assets() {
    }

    static boolean serve(String path, HttpServletResponse resp) throws IOException {
        String resource;
        if (path.startsWith("/webjars/")) {
            resource = "META-INF/resources" + path;
        } else if (path.startsWith("/static/")) {
            resource = path.substring(1);
        } else {
            return false;
        }
        if (path.contains("..") || path.contains("//") || path.contains("\\")) {
            return false;
        }
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
        if (type == null) {
            return false;
        }
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            resp.setContentType(type + ("text/css".equals(type) || "text/javascript".equals(type)
                    ? ";charset=UTF-8" : ""));
            resp.setHeader("Cache-Control", "public, max-age=86400");
            in.transferTo(resp.getOutputStream());
            return true;
        }
    }
}
