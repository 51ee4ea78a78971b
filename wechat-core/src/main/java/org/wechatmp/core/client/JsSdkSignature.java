package org.wechatmp.core.client;

/**
 * What {@code wx.config} needs for a page.
 *
 * @param appId the account's appId
 * @param timestamp seconds since the epoch
 * @param nonceStr the nonce
 * @param signature the signature
 * @param url the page URL signed (without fragment)
 */
public record JsSdkSignature(String appId, long timestamp, String nonceStr, String signature, String url) {
}
