package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * Parametric QR codes as WeChat makes them ({@code "transformers": ["wechat-double-qrcodes"]}):
 * {@code qrcode/create} checks the action and scene (errcode 40053 otherwise), caps a temporary code at 30 days
 * (60 s when no lifetime is given) and remembers the ticket; {@code showqrcode?ticket=} serves a real PNG for a
 * ticket it made and answers 404 for any other.
 */
final class QrCodes implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-double-qrcodes";
    static final long MAX_SECONDS = 2_592_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** ticket → scene (as WeChat encodes it in the code). */
    private final Map<String, String> tickets = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** How many tickets were made. */
    int count() {
        return tickets.size();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String url = serveEvent.getRequest().getUrl();
        if (url.startsWith("/cgi-bin/showqrcode")) {
            QueryParameter t = serveEvent.getRequest().queryParameter("ticket");
            String ticket = t.isPresent() ? t.firstValue() : "";
            if (!tickets.containsKey(ticket)) {
                return new ResponseDefinitionBuilder().withStatus(404)
                        .withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody("<html><body>404 Not Found</body></html>").build();
            }
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "image/png")
                    .withBody(png(ticket)).build();
        }
        return create(serveEvent.getRequest().getBodyAsString());
    }

    private ResponseDefinition create(String body) {
        JsonNode in;
        try {
            in = JSON.readTree(body);
        } catch (IOException e) {
            return json("{\"errcode\":47001,\"errmsg\":\"data format error\"}");
        }
        String action = in.path("action_name").asText("");
        JsonNode scene = in.path("action_info").path("scene");
        boolean permanent = action.startsWith("QR_LIMIT_");
        String value;
        switch (action) {
            case "QR_SCENE", "QR_LIMIT_SCENE" -> {
                long id = scene.path("scene_id").asLong(0);
                if (id < 1 || id > (permanent ? 100_000 : 4_294_967_295L)) {
                    return invalid();
                }
                value = String.valueOf(id);
            }
            case "QR_STR_SCENE", "QR_LIMIT_STR_SCENE" -> {
                value = scene.path("scene_str").asText("");
                if (value.isEmpty() || value.length() > 64) {
                    return invalid();
                }
            }
            default -> {
                return invalid();
            }
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String ticket = "gQ" + Base64.getEncoder().encodeToString(raw);
        tickets.put(ticket, value);
        ObjectNode out = JSON.createObjectNode().put("ticket", ticket);
        if (!permanent) {
            long seconds = in.has("expire_seconds") ? in.path("expire_seconds").asLong(60) : 60;
            out.put("expire_seconds", Math.max(60, Math.min(MAX_SECONDS, seconds)));
        }
        out.put("url", "http://weixin.qq.com/q/" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)
                .substring(0, 22));
        return json(out.toString());
    }

    private static ResponseDefinition invalid() {
        return json("{\"errcode\":40053,\"errmsg\":\"invalid action info\"}");
    }

    /** A 29×29-module picture with the three finder squares and modules from the ticket's hash, 8 px a module. */
    static byte[] png(String ticket) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int modules = 29;
        int scale = 8;
        int quiet = 4;
        int size = (modules + 2 * quiet) * scale;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int my = 0; my < modules; my++) {
            for (int mx = 0; mx < modules; mx++) {
                boolean dark = finder(mx, my, modules);
                if (!inFinder(mx, my, modules)) {
                    int bit = (my * modules + mx) * 7 % (hash.length * 8);
                    dark = (hash[bit / 8] >> (bit % 8) & 1) == 1;
                }
                if (dark) {
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB((quiet + mx) * scale + dx, (quiet + my) * scale + dy, 0);
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean inFinder(int x, int y, int n) {
        return x < 8 && y < 8 || x >= n - 8 && y < 8 || x < 8 && y >= n - 8;
    }

    private static boolean finder(int x, int y, int n) {
        int fx = x >= n - 8 ? x - (n - 7) : x;
        int fy = y >= n - 8 ? y - (n - 7) : y;
        if (fx < 0 || fy < 0 || fx > 6 || fy > 6) {
            return false;
        }
        int ring = Math.min(Math.min(fx, fy), Math.min(6 - fx, 6 - fy));
        return ring != 1;
    }

    private static ResponseDefinition json(String body) {
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }
}
