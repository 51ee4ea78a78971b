package org.wechatmp.core.spi;

import java.util.List;
import org.wechatmp.core.engine.Handler;

/**
 * The auto-reply handlers of each account. The engine compiles them into indexes and rebuilds only when
 * {@link #version} changes, so implementations must change the version on every write.
 */
public interface HandlerRepository {
    /**
     * The handlers of an account, in any order.
     *
     * @param account the account name
     * @return the handlers
     */
    List<Handler> handlers(String account);

    /**
     * A number that changes whenever the account's handlers change.
     *
     * @param account the account name
     * @return the version
     */
    long version(String account);
}
