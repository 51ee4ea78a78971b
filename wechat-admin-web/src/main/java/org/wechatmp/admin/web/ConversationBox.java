package org.wechatmp.admin.web;

import java.util.List;
import org.wechatmp.core.spi.StoredMaterial;

/**
 * The reply box of a thread.
 *
 * @param account the account
 * @param openid the follower
 * @param window the 48-hour window
 * @param canEdit whether the user may send
 * @param images the image materials to pick from
 * @param form what the box holds
 * @param error the error to show (already in the user's language), or {@code null}
 */
record ConversationBox(String account, String openid, ConversationWindow window, boolean canEdit,
        List<StoredMaterial> images, ConversationForm form, String error) {

    /** Whether the inputs are enabled. */
    boolean enabled() {
        return canEdit && window.open();
    }
}
