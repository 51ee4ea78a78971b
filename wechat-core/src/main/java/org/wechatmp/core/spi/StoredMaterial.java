package org.wechatmp.core.spi;

import java.util.Objects;

/**
 * A permanent material as stored locally (the articles of a news material are read with
 * {@link MaterialRepository#articles}).
 *
 * @param mediaId the media id
 * @param type {@code image}, {@code voice}, {@code video} or {@code news}
 * @param name the file name (empty for news)
 * @param url the URL WeChat gave (images), or empty
 * @param updateTime WeChat's update time, in epoch seconds
 */
public record StoredMaterial(String mediaId, String type, String name, String url, long updateTime) {
    /**
     * Validates.
     *
     * @param mediaId the media id
     * @param type {@code image}, {@code voice}, {@code video} or {@code news}
     * @param name the file name (empty for news)
     * @param url the URL WeChat gave (images), or empty
     * @param updateTime WeChat's update time, in epoch seconds
     */
    public StoredMaterial {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(type, "type");
    }
}
