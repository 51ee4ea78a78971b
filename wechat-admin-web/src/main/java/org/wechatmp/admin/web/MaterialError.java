package org.wechatmp.admin.web;

import java.util.Set;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;

/**
 * An error to show on a materials or drafts page: a message key, and WeChat's errcode and errmsg when WeChat refused.
 *
 * @param key the message key (WeChat's known errcodes have their own, {@code materials.errcode.<n>})
 * @param errcode WeChat's errcode, or {@code null}
 * @param errmsg WeChat's errmsg, or {@code null}
 */
record MaterialError(String key, Integer errcode, String errmsg) {
    private static final Set<Integer> KNOWN = Set.of(40004, 40005, 40006, 40007, 40009, 44003, 45106, 45009, 48001,
            53503, 40018, 41005, 48002, 53404);

    static MaterialError of(String key) {
        return new MaterialError(key, null, null);
    }

    static MaterialError of(WeChatException e) {
        if (e instanceof WeChatApiException api) {
            return new MaterialError(KNOWN.contains(api.errcode()) ? "materials.errcode." + api.errcode()
                    : "materials.errcode.other", api.errcode(), api.errmsg());
        }
        return new MaterialError("materials.unreachable", null, null);
    }
}
