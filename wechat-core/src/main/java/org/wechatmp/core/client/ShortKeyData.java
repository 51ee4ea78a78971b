package org.wechatmp.core.client;

/**
 * The data kept under a short key.
 *
 * @param longData the data
 * @param createTime when it was stored, seconds since the epoch
 * @param expireSeconds the seconds left before it expires
 */
public record ShortKeyData(String longData, long createTime, long expireSeconds) {
}
