package org.wechatmp.core.client;

/**
 * How many permanent materials of each kind the account has.
 *
 * @param voiceCount voice clips
 * @param videoCount videos
 * @param imageCount images
 * @param newsCount news materials
 */
public record MaterialCount(int voiceCount, int videoCount, int imageCount, int newsCount) {
}
