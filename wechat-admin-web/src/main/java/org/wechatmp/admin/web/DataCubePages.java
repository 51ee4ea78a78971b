package org.wechatmp.admin.web;

import java.io.IOException;
import org.wechatmp.core.Account;

/** The pages of WeChat's own statistics (the data cube), cached per day (issue 14). */
final class DataCubePages implements SectionPages {
    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        throw HttpError.notFound();
    }
}
