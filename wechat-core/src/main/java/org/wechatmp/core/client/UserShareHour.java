package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Sharing of articles in one hour and scene.
 *
 * @param refDate the day
 * @param refHour the hour as WeChat sends it
 * @param shareScene 1 friend, 2 moments, 255 other
 * @param shareCount shares
 * @param shareUser sharers
 */
public record UserShareHour(LocalDate refDate, int refHour, int shareScene, long shareCount, long shareUser) {
}
