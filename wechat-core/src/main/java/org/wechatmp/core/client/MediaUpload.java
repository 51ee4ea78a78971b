package org.wechatmp.core.client;

/**
 * A temporary media upload (kept by WeChat for three days).
 *
 * @param type the kind
 * @param mediaId the media id
 * @param createdAt the upload time, seconds since the epoch
 */
public record MediaUpload(String type, String mediaId, long createdAt) {
}
