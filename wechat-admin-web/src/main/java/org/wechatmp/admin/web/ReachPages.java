package org.wechatmp.admin.web;

import java.io.IOException;
import org.wechatmp.core.Account;

/** The pages of mass sends, customer service and comments (issue 14). */
final class ReachPages implements SectionPages {
    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        throw HttpError.notFound();
    }
}
