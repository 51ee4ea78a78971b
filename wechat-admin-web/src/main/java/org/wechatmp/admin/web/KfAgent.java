package org.wechatmp.admin.web;

import org.wechatmp.core.client.KfAccount;
import org.wechatmp.core.client.KfOnlineAccount;

/**
 * A customer-service agent as the page lists it.
 *
 * @param account the account as WeChat lists it
 * @param online its online entry, or {@code null} when offline
 */
record KfAgent(KfAccount account, KfOnlineAccount online) {
    boolean isOnline() {
        return online != null && online.status() > 0;
    }

    int acceptedCase() {
        return online == null ? 0 : online.acceptedCase();
    }
}
