package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Sharing of articles on a day in one scene.
 *
 * @param refDate the day
 * @param shareScene 1 friend, 2 moments, 255 other
 * @param shareCount shares
 * @param shareUser sharers
 */
public record UserShare(LocalDate refDate, int shareScene, long shareCount, long shareUser) {
}
