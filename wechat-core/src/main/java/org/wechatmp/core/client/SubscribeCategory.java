package org.wechatmp.core.client;

/**
 * A category of the public subscription template library.
 *
 * @param id the category id
 * @param name the name
 */
public record SubscribeCategory(int id, String name) {
}
