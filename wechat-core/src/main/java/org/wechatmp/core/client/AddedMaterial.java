package org.wechatmp.core.client;

/**
 * A permanent material just added.
 *
 * @param mediaId its media id
 * @param url its URL (images only)
 */
public record AddedMaterial(String mediaId, String url) {
}
