package org.wechatmp.core.client;

import java.util.Objects;

/**
 * An article of a news message uploaded for mass sending ({@code media/uploadnews}).
 *
 * @param thumbMediaId the cover image, a permanent or temporary image media id
 * @param title the title
 * @param content the HTML body (images from {@link MaterialsApi#uploadArticleImage})
 * @param author the author, or {@code null}
 * @param digest the summary, or {@code null}
 * @param contentSourceUrl the "read more" URL, or {@code null}
 * @param showCoverPic 1 to show the cover in the body
 */
public record MassNewsArticle(String thumbMediaId, String title, String content, String author, String digest,
        String contentSourceUrl, int showCoverPic) {
    /**
     * Checks the required parts.
     *
     * @param thumbMediaId the cover image, a permanent or temporary image media id
     * @param title the title
     * @param content the HTML body (images from {@link MaterialsApi#uploadArticleImage})
     * @param author the author, or {@code null}
     * @param digest the summary, or {@code null}
     * @param contentSourceUrl the "read more" URL, or {@code null}
     * @param showCoverPic 1 to show the cover in the body
     */
    public MassNewsArticle {
        Objects.requireNonNull(thumbMediaId, "thumbMediaId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(content, "content");
    }
}
