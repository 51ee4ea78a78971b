package org.wechatmp.core.client;

/**
 * One line of the customer-service chat records.
 *
 * @param worker the account's nickname (as WeChat sends it)
 * @param openid the follower
 * @param opercode what happened, e.g. 2002 the worker sent, 2003 the worker received
 * @param time when, seconds since the epoch
 * @param text the text
 */
public record KfRecord(String worker, String openid, int opercode, long time, String text) {
}
