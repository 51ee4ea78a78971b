package org.wechatmp.core.sync;

import java.util.List;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.crypto.Signatures;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.spi.MaterialRepository;

/**
 * News articles that came with a console setting (an auto-reply, a menu button) rather than as a material: stored as a
 * local news material under an id derived from their titles and URLs ({@code imported-...}), so importing them
 * again stores the same one, and answered from there.
 */
final class ImportedNews {
    private ImportedNews() {
    }

    /**
     * Stores the articles and returns the news reply that answers with them.
     *
     * @param materials where they go
     * @param account the account
     * @param articles the articles, in order
     * @return a news reply of the stored material
     */
    static HandlerReply store(MaterialRepository materials, String account, List<NewsArticle> articles) {
        StringBuilder identity = new StringBuilder();
        for (NewsArticle a : articles) {
            identity.append(a.title()).append('\n').append(a.url()).append('\n');
        }
        String mediaId = "imported-" + Signatures.sha1(identity.toString()).substring(0, 24);
        materials.saveArticles(account, mediaId, articles);
        return HandlerReply.news(mediaId);
    }
}
