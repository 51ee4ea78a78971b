package org.wechatmp.admin.web;

import java.io.IOException;
import org.wechatmp.core.Account;

/** The pages of materials, drafts and publishing (issue 13). */
final class MaterialPages implements SectionPages {
    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        throw HttpError.notFound();
    }
}
