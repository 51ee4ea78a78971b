package org.wechatmp.admin.web;

import java.util.Set;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;

/** WeChat's answers to the conversation and template pages' calls, in the user's language where the code is known. */
final class ConversationErrors {
    private static final Set<Integer> KNOWN = Set.of(45015, 45047, 40003, 43004, 40007, 40037, 45009, 48001, 43101,
            47003, 45028);

    private ConversationErrors() {
    }

    /** The text to show for a failed call. */
    static String text(Msg msg, WeChatException e) {
        if (e instanceof WeChatApiException api) {
            String known = KNOWN.contains(api.errcode()) ? msg.t("conv.err." + api.errcode()) + " " : "";
            return known + msg.t("conv.err.wechat", String.valueOf(api.errcode()), api.errmsg());
        }
        return msg.t("conv.err.unreachable");
    }

    /** The errcode of a failed call, or {@code null} when WeChat gave none. */
    static Integer errcode(WeChatException e) {
        return e instanceof WeChatApiException api ? api.errcode() : null;
    }

    /** What the audit log keeps of a failure (WeChat's errmsg, or the exception's message; never a token). */
    static String detail(WeChatException e) {
        String s = e instanceof WeChatApiException api ? api.errmsg() : e.getMessage();
        return s == null ? "" : ConversationRows.cut(s, 300);
    }
}
