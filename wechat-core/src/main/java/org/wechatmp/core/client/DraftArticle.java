package org.wechatmp.core.client;

/**
 * An article for a draft. {@code null} fields are left out of the request.
 *
 * @param title the title
 * @param author the author
 * @param digest the summary
 * @param content the HTML body (images must come from {@link MaterialsApi#uploadArticleImage})
 * @param contentSourceUrl the "read more" URL
 * @param thumbMediaId the cover: a permanent image material
 * @param needOpenComment 1 to open comments
 * @param onlyFansCanComment 1 to allow only followers to comment
 */
public record DraftArticle(String title, String author, String digest, String content, String contentSourceUrl,
        String thumbMediaId, Integer needOpenComment, Integer onlyFansCanComment) {
}
