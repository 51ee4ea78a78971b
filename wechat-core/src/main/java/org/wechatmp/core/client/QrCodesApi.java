package org.wechatmp.core.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parametric QR codes: temporary (up to 30 days) and permanent, with an integer scene id or a string scene.
 */
public final class QrCodesApi {
    /** Where QR images are shown. */
    public static final String SHOW_URL = "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=";

    private final ApiExecutor x;

    QrCodesApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * A temporary code with an integer scene.
     *
     * @param sceneId the scene id (positive 32-bit)
     * @param lifetime up to 30 days
     * @return the code
     */
    public QrCode temporary(int sceneId, Duration lifetime) {
        return create("QR_SCENE", "scene_id", sceneId, lifetime);
    }

    /**
     * A temporary code with a string scene.
     *
     * @param sceneStr the scene (1 to 64 characters)
     * @param lifetime up to 30 days
     * @return the code
     */
    public QrCode temporary(String sceneStr, Duration lifetime) {
        return create("QR_STR_SCENE", "scene_str", sceneStr, lifetime);
    }

    /**
     * A permanent code with an integer scene.
     *
     * @param sceneId the scene id (1 to 100000)
     * @return the code
     */
    public QrCode permanent(int sceneId) {
        return create("QR_LIMIT_SCENE", "scene_id", sceneId, null);
    }

    /**
     * A permanent code with a string scene.
     *
     * @param sceneStr the scene (1 to 64 characters)
     * @return the code
     */
    public QrCode permanent(String sceneStr) {
        return create("QR_LIMIT_STR_SCENE", "scene_str", sceneStr, null);
    }

    private QrCode create(String action, String sceneKey, Object scene, Duration lifetime) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (lifetime != null) {
            body.put("expire_seconds", lifetime.getSeconds());
        }
        body.put("action_name", action);
        body.put("action_info", Map.of("scene", Map.of(sceneKey, scene)));
        return x.convert(x.json(ApiExecutor.post("/cgi-bin/qrcode/create", body)), QrCode.class);
    }

    /**
     * The image URL of a ticket.
     *
     * @param ticket the ticket
     * @return the URL
     */
    public static String showUrl(String ticket) {
        return SHOW_URL + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
    }
}
