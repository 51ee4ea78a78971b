package org.wechatmp.core.client;

import java.util.List;

/**
 * One page of public subscription template titles.
 *
 * @param count how many titles there are in all
 * @param titles the titles of this page
 */
public record SubscribeTitlePage(int count, List<SubscribeTitle> titles) {
    /**
     * Copies the list.
     *
     * @param count how many titles there are in all
     * @param titles the titles of this page
     */
    public SubscribeTitlePage {
        titles = List.copyOf(titles);
    }
}
