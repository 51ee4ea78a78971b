package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.Clock;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntimeBuilder;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The pages of one part of an account, under {@code /a/{account}/{segment}...}. The account is already known to
 * exist and to be visible to the user; each page checks its own section and level with
 * {@link AccountPages#need(Ctx, Account, org.wechatmp.admin.auth.Section, org.wechatmp.admin.auth.Level)}.
 */
interface SectionPages {
    /**
     * Answers one request.
     *
     * @param c the request
     * @param account the account
     * @param segment the first path segment after the account (e.g. {@code followers})
     * @param rest what follows the segment: empty, or starting with {@code /}
     * @throws IOException when writing fails
     */
    void route(Ctx c, Account account, String segment, String rest) throws IOException;

    /**
     * Before the runtime is built: registers job kinds ({@link WeChatRuntimeBuilder#job}) and anything else the
     * runtime must know at build time.
     *
     * @param runtime the runtime's builder
     * @param storage the storage (its Jdbi reaches the admin's own tables too)
     * @param clock the clock
     */
    default void configure(WeChatRuntimeBuilder runtime, JdbiStorage storage, Clock clock) {
    }

    /**
     * Once the runtime runs and the services exist: subscribes to callbacks ({@code s.events()}) and the like.
     *
     * @param s the services
     */
    default void start(Services s) {
    }

    /** Releases threads or subscriptions when the servlet is destroyed. */
    default void close() {
    }
}
