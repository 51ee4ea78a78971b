package org.wechatmp.core.callback;

import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.message.SubscribeEvent;
import org.wechatmp.core.message.UnsubscribeEvent;
import org.wechatmp.core.spi.UserRepository;

/**
 * Keeps the user repository's follow state current from subscribe and unsubscribe events, and marks a user's first
 * follow ever seen in {@link MessageContext#FIRST_SUBSCRIBE}, so handlers can greet newcomers differently.
 */
public final class SubscriptionListener implements CallbackListener {
    private final UserRepository users;

    /**
     * Creates the listener.
     *
     * @param users the repository to update
     */
    public SubscriptionListener(UserRepository users) {
        this.users = users;
    }

    @Override
    public void received(MessageContext context) {
        String account = context.account().name();
        String openid = context.message().fromUserName();
        if (openid.isEmpty()) {
            return;
        }
        if (context.message() instanceof SubscribeEvent s) {
            boolean first = users.recordSubscription(account, openid, true, s.createTime());
            context.attributes().put(MessageContext.FIRST_SUBSCRIBE, first);
        } else if (context.message() instanceof UnsubscribeEvent u) {
            users.recordSubscription(account, openid, false, u.createTime());
        }
    }
}
