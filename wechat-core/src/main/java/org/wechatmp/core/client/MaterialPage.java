package org.wechatmp.core.client;

import java.util.List;

/**
 * One page of a material listing.
 *
 * @param totalCount how many materials of the type exist
 * @param itemCount how many are on this page
 * @param items the materials
 */
public record MaterialPage(int totalCount, int itemCount, List<MaterialItem> items) {
    /**
     * Copies the list.
     *
     * @param totalCount how many materials of the type exist
     * @param itemCount how many are on this page
     * @param items the materials
     */
    public MaterialPage {
        items = List.copyOf(items);
    }
}
