package org.wechatmp.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;

/**
 * The JS-SDK config script ({@code wx.config({...});}) for a page, with one reading of the inputs for every adapter:
 * the page is {@code url} or else the {@code Referer} (http or https only), {@code apis} is a comma-separated list of
 * JS API names (anything but letters is dropped), {@code debug} is on for {@code true}, {@code 1} or {@code yes}
 * (any case) and off otherwise. Service accounts only.
 */
public final class JsSdkScript {
    /** The content type of the script. */
    public static final String CONTENT_TYPE = "application/javascript;charset=UTF-8";

    private JsSdkScript() {
    }

    /**
     * Answers a request for the script.
     *
     * @param runtime the runtime
     * @param accountName the account in the path
     * @param url the {@code url} parameter, or {@code null}
     * @param apis the {@code apis} parameter, or {@code null}
     * @param debug the {@code debug} parameter, or {@code null}
     * @param referer the {@code Referer} header, or {@code null}
     * @return the answer: 200 with the script, 404 unknown account, 403 not a service account, 400 no page URL, 502
     *     when the ticket cannot be had (with an error id)
     */
    public static WebAnswer answer(WeChatRuntime runtime, String accountName, String url, String apis, String debug,
            String referer) {
        Optional<Account> account = accountName == null ? Optional.empty() : runtime.account(accountName);
        if (account.isEmpty()) {
            return WebAnswer.text(404, "unknown account");
        }
        if (account.get().type() != Account.Type.SERVICE) {
            return WebAnswer.text(403, "the JS-SDK needs a service account");
        }
        String page = url != null && !url.isEmpty() ? url : referer;
        if (page == null || !(page.startsWith("http://") || page.startsWith("https://")) || page.length() > 2048) {
            return WebAnswer.text(400, "missing page url");
        }
        try {
            String script = runtime.client(account.get()).jsapi().configScript(page, parseApis(apis),
                    parseDebug(debug));
            return new WebAnswer(200, CONTENT_TYPE, script);
        } catch (WeChatException e) {
            return WebErrors.failure(502, "JS-SDK ticket unavailable", "jssdk " + accountName, e);
        } catch (RuntimeException e) {
            return WebErrors.failure(500, "JS-SDK script failed", "jssdk " + accountName, e);
        }
    }

    /**
     * Reads the {@code debug} parameter.
     *
     * @param value the parameter, or {@code null}
     * @return {@code true} for {@code true}, {@code 1} or {@code yes} (any case)
     */
    public static boolean parseDebug(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1") || v.equals("yes");
    }

    /**
     * Reads the {@code apis} parameter.
     *
     * @param value comma-separated names, or {@code null}
     * @return the names, trimmed, empty ones left out (the script keeps only names of letters)
     */
    public static List<String> parseApis(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String s : value.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
