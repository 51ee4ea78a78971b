package org.wechatmp.core.client;

import java.util.List;

/**
 * The followers waiting for a customer-service session.
 *
 * @param count how many are waiting in all
 * @param waiting the first of them (WeChat lists up to 100)
 */
public record KfWaitCases(int count, List<KfSession> waiting) {
    /**
     * Copies the list.
     *
     * @param count how many are waiting in all
     * @param waiting the first of them (WeChat lists up to 100)
     */
    public KfWaitCases {
        waiting = List.copyOf(waiting);
    }
}
