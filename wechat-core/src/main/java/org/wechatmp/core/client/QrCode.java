package org.wechatmp.core.client;

/**
 * A parametric QR code.
 *
 * @param ticket the ticket; show it with {@link QrCodesApi#showUrl(String)}
 * @param expireSeconds its lifetime (0 for a permanent code)
 * @param url the content encoded in the code
 */
public record QrCode(String ticket, long expireSeconds, String url) {
    /**
     * The image URL of this code.
     *
     * @return the URL
     */
    public String showUrl() {
        return QrCodesApi.showUrl(ticket);
    }
}
