package org.wechatmp.core.client;

/**
 * The daily quota of one API.
 *
 * @param dailyLimit the calls allowed per day
 * @param used the calls made today
 * @param remain the calls left today
 */
public record ApiQuota(long dailyLimit, long used, long remain) {
}
