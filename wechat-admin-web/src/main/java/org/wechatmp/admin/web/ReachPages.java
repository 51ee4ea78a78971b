package org.wechatmp.admin.web;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.WeChatClient;

/**
 * The pages of mass sends ({@code /a/{a}/broadcast}, {@link BroadcastPages}), customer service ({@code /a/{a}/kf},
 * {@link KfPages}) and comments on published articles ({@code /a/{a}/comments}, {@link CommentPages}), and what they
 * share: the account's client, and WeChat's errors shown plainly in the user's language and audited with their
 * errcode.
 */
final class ReachPages implements SectionPages {
    private static final Logger LOG = LoggerFactory.getLogger(ReachPages.class);
    private BroadcastPages broadcasts;
    private BroadcastWatcher watcher;
    private final KfPages kf = new KfPages();
    private CommentPages comments;

    @Override
    public void start(Services s) {
        BroadcastStore store = new BroadcastStore(s.storage().jdbi());
        BroadcastSender sender = new BroadcastSender(store, s.clock());
        broadcasts = new BroadcastPages(store, sender);
        comments = new CommentPages(store);
        watcher = new BroadcastWatcher(s, store, sender);
        watcher.start();
    }

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        switch (segment) {
            case "broadcast" -> broadcasts.route(c, account, rest);
            case "kf" -> kf.route(c, account, rest);
            case "comments" -> comments.route(c, account, rest);
            default -> throw HttpError.notFound();
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    static WeChatClient client(Ctx c, Account a) {
        return c.s.runtime().client(a);
    }

    /**
     * WeChat's errcode of a failed call.
     *
     * @param e the failure
     * @return the errcode, or {@code null} when WeChat did not answer one
     */
    static Integer errcode(RuntimeException e) {
        return e instanceof WeChatApiException w ? w.errcode() : null;
    }

    /**
     * A failed call as the user reads it: the errcode's explanation in their language where known, else WeChat's
     * own message with the errcode.
     *
     * @param c the request
     * @param e the failure
     * @return the text
     */
    static String explain(Ctx c, RuntimeException e) {
        if (e instanceof WeChatApiException w) {
            String key = "reach.err." + w.errcode();
            String known = c.msg.t(key);
            return known.equals(key) ? c.msg.t("reach.err.wechat", String.valueOf(w.errcode()), w.errmsg())
                    : known + " (" + w.errcode() + ")";
        }
        if (e instanceof WeChatException) {
            LOG.info("a WeChat call failed: {}", e.getMessage());
            return c.msg.t("reach.err.unreachable");
        }
        throw e;
    }

    /**
     * Audits a failed WeChat call.
     *
     * @param c the request
     * @param a the account
     * @param action the action
     * @param target the target
     * @param e the failure
     */
    static void failed(Ctx c, Account a, String action, String target, RuntimeException e) {
        String detail = e instanceof WeChatApiException w ? w.errmsg() : e.getMessage();
        c.s.audit().record(c.who(), a.name(), action, target, false, errcode(e), detail);
    }

    /** Whether an exception is a failed WeChat call (shown to the user) rather than a bug. */
    static boolean wechat(RuntimeException e) {
        return e instanceof WeChatException;
    }
}
