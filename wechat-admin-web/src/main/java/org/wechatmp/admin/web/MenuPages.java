package org.wechatmp.admin.web;

import java.io.IOException;
import org.wechatmp.core.Account;

/** The pages of the menu editor (issue 13). */
final class MenuPages implements SectionPages {
    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        throw HttpError.notFound();
    }
}
