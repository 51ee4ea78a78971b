package org.wechatmp.examples.wechatdouble;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;

/**
 * Acts as the WeChat server: signs (and in compatible/safe mode encrypts) a message, POSTs it to a callback URL, and
 * prints the decrypted reply.
 *
 * <pre>
 * SendMessage [--url URL] [--from OPENID] [--event subscribe|CLICK:KEY|...] [--field Name=value ...] [text ...]
 * </pre>
 *
 * <p>{@code --field} adds an element to an event, e.g. the delivery report of a template message the admin sent:
 * {@code --event TEMPLATESENDJOBFINISH --field MsgID=2000000001 --field Status=success}.
 *
 * <p>The account settings come from the same environment variables as the examples: {@code WECHAT_APP_NAME},
 * {@code WECHAT_APPID}, {@code WECHAT_TOKEN}, {@code WECHAT_AES_KEY}, {@code WECHAT_ENCRYPT_MODE}, {@code PORT}.
 */
public final class SendMessage {
    private SendMessage() {
    }

    /**
     * Sends one message.
     *
     * @param args the options and the text
     * @throws Exception when the request fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String name = env.getOrDefault("WECHAT_APP_NAME", Defaults.APP_NAME);
        String url = "http://127.0.0.1:" + env.getOrDefault("PORT", "8080") + "/wechat/" + name;
        String from = "oDemoUser" + (System.currentTimeMillis() % 1000);
        String event = null;
        StringBuilder text = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--from" -> from = args[++i];
                case "--event" -> event = args[++i];
                case "--field" -> {
                    String[] kv = args[++i].split("=", 2);
                    if (!kv[0].matches("[A-Za-z][A-Za-z0-9_]*") || kv.length < 2) {
                        throw new IllegalArgumentException("--field takes Name=value, got " + args[i]);
                    }
                    fields.append('<').append(kv[0]).append("><![CDATA[").append(kv[1].replace("]]>", ""))
                            .append("]]></").append(kv[0]).append('>');
                }
                default -> text.append(text.length() == 0 ? "" : " ").append(args[i]);
            }
        }
        if (text.length() == 0 && event == null) {
            text.append("hello");
        }
        long now = System.currentTimeMillis() / 1000;
        String body;
        if (event != null) {
            String[] parts = event.split(":", 2);
            body = "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[" + from
                    + "]]></FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                    + "<Event><![CDATA[" + parts[0] + "]]></Event>"
                    + (parts.length > 1 ? "<EventKey><![CDATA[" + parts[1] + "]]></EventKey>" : "") + fields
                    + "</xml>";
        } else {
            body = "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[" + from
                    + "]]></FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                    + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
        }
        EncryptMode mode = EncryptMode.parse(env.getOrDefault("WECHAT_ENCRYPT_MODE", Defaults.ENCRYPT_MODE));
        CallbackSigner wechat = CallbackSigner.encrypted(env.getOrDefault("WECHAT_TOKEN", Defaults.TOKEN),
                env.getOrDefault("WECHAT_AES_KEY", Defaults.AES_KEY), env.getOrDefault("WECHAT_APPID",
                        Defaults.APP_ID), mode);
        SignedCallback request = wechat.message(body);
        System.out.println("POST " + url + " (" + mode.name().toLowerCase() + ")");
        System.out.println(body);
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(url + "?" + request.queryString()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "text/xml; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        System.out.println("HTTP " + response.statusCode());
        if (response.statusCode() != 200) {
            System.out.println(response.body());
            System.exit(1);
        }
        String reply = wechat.readReply(response.body());
        System.out.println(reply.isEmpty() ? "(no reply: " + response.body() + ")" : reply);
    }
}
