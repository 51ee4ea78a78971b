package org.wechatmp.admin.web;

import java.io.IOException;
import org.wechatmp.core.Account;

/** The pages of the message log and per-follower threads (issue 12). */
final class ConversationPages implements SectionPages {
    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        throw HttpError.notFound();
    }
}
