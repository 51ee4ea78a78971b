package org.wechatmp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One menu publication, as recorded by {@link MenuRepository#recordPublished}.
 *
 * @param id increases with each publication of the account
 * @param menu the published JSON (a copy; changing it changes nothing stored)
 * @param publishedAt when it was recorded
 */
public record PublishedMenu(long id, JsonNode menu, Instant publishedAt) {
    /**
     * Validates and copies.
     *
     * @param id increases with each publication of the account
     * @param menu the published JSON (a copy; changing it changes nothing stored)
     * @param publishedAt when it was recorded
     */
    public PublishedMenu {
        menu = Objects.requireNonNull(menu, "menu").deepCopy();
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /**
     * The published JSON.
     *
     * @return a copy (changing it changes nothing stored)
     */
    @Override
    public JsonNode menu() {
        return menu.deepCopy();
    }
}
