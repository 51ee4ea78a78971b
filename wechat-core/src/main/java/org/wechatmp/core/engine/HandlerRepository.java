package org.wechatmp.core.engine;

import java.util.List;
import java.util.Optional;
import org.wechatmp.core.spi.Page;

/**
 * The auto-reply handlers of each account. The engine compiles them into indexes and rebuilds only when
 * {@link #version} changes, so implementations must change the version on every write.
 *
 * <p>Read side: {@link #handlers}, {@link #version}, {@link #find}, {@link #query}. Write side: {@link #save},
 * {@link #delete}, {@link #replaceSource}.
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
     * One handler.
     *
     * @param account the account name
     * @param id the handler id
     * @return the handler, if the account has it
     */
    Optional<Handler> find(String account, long id);

    /**
     * A page of handlers matching a query, in the engine's order ({@link Handler#ORDER}).
     *
     * @param account the account name
     * @param query the filters and page
     * @return the page
     */
    Page<Handler> query(String account, HandlerQuery query);

    /**
     * Inserts a handler (id 0: an id is assigned) or replaces the account's handler with its id.
     *
     * @param account the account name
     * @param handler the handler
     * @return the stored handler, with its id
     */
    Handler save(String account, Handler handler);

    /**
     * Deletes a handler.
     *
     * @param account the account name
     * @param id the handler id
     * @return {@code true} when it existed
     */
    boolean delete(String account, long id);

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
