package org.wechatmp.core.client;

/**
 * A user tag.
 *
 * @param id the tag id
 * @param name the name
 * @param count how many users carry it
 */
public record Tag(int id, String name, int count) {
}
