package org.wechatmp.admin.web;

/**
 * One tag on the tags page.
 *
 * @param id the tag id
 * @param name the name
 * @param wechatCount the member count WeChat gave at the last pull
 * @param members the members stored locally (what the follower list's tag filter finds)
 * @param system whether it is one of WeChat's system tags (0, 1, 2), which cannot be renamed or deleted
 */
record TagRow(int id, String name, int wechatCount, long members, boolean system) {
}
