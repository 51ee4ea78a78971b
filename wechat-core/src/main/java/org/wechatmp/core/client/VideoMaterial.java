package org.wechatmp.core.client;

/**
 * A permanent video material.
 *
 * @param title the title
 * @param description the description
 * @param downUrl where to download it
 */
public record VideoMaterial(String title, String description, String downUrl) {
}
