package org.wechatmp.core.engine;

import java.util.List;

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

    /**
     * Replaces every handler of one source (e.g. those imported from WeChat) in one step, so a re-import never
     * duplicates. Implementations change {@link #version} afterwards.
     *
     * @param account the account name
     * @param source the source whose handlers are replaced
     * @param handlers the new handlers (their ids are ignored)
     */
    void replaceSource(String account, Handler.Source source, List<Handler> handlers);
}
