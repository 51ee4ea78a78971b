package org.wechatmp.core.metrics;

import java.time.Duration;

/**
 * What the framework reports about itself. Every method has an empty default, so an implementation overrides only
 * what it records; {@link #NONE} records nothing and is the default everywhere. Implementations must be thread-safe
 * and fast: they are called on request threads. {@link MicrometerMetrics} binds this to Micrometer.
 *
 * <p>Labels are low-cardinality by design: an account name, an API group (the first path segment after
 * {@code /cgi-bin/}, e.g. {@code user}, {@code material}), an errcode, a reason word. No openid, token or URL.
 */
public interface WeChatMetrics {
    /** Records nothing. */
    WeChatMetrics NONE = new WeChatMetrics() {
    };

    /**
     * A credential (access token or JS-SDK ticket) was fetched from its source.
     *
     * @param account the account (client name)
     * @param credential {@code access_token} or {@code jsapi_ticket}
     * @param proactive whether the background refresher fetched it (rather than a caller that needed it)
     * @param took how long the fetch took
     */
    default void tokenFetched(String account, String credential, boolean proactive, Duration took) {
    }

    /**
     * Fetching a credential failed.
     *
     * @param account the account
     * @param credential {@code access_token} or {@code jsapi_ticket}
     * @param proactive whether the background refresher was fetching
     */
    default void tokenFetchFailed(String account, String credential, boolean proactive) {
    }

    /**
     * An API call was answered with JSON (errcode 0 for success) or a binary body (errcode 0).
     *
     * @param account the account
     * @param group the API group, e.g. {@code user}
     * @param errcode the errcode WeChat answered, 0 for success
     * @param took how long the HTTP exchange took
     */
    default void apiCall(String account, String group, int errcode, Duration took) {
    }

    /**
     * An API call failed below WeChat's JSON: not reachable, an HTTP error status, a timeout, a body that is not JSON.
     *
     * @param account the account
     * @param group the API group
     * @param timeout whether it timed out
     */
    default void apiFailure(String account, String group, boolean timeout) {
    }

    /**
     * An API call is retried.
     *
     * @param account the account
     * @param group the API group
     * @param reason {@code token} (a rejected token was dropped and refreshed) or {@code busy} (-1, 45011)
     */
    default void apiRetry(String account, String group, String reason) {
    }

    /**
     * A callback was answered (a reply or {@code success}) after running the account's handlers.
     *
     * @param account the account
     * @param took from the start of the request to the answer
     */
    default void callbackAnswered(String account, Duration took) {
    }

    /**
     * A callback was refused.
     *
     * @param account the account; {@code -} for an account that does not exist (the URL's name is the caller's
     *     choice, so it never becomes a label)
     * @param reason a short word: {@code unknown_account}, {@code method}, {@code missing_parameter},
     *     {@code signature}, {@code timestamp}, {@code plaintext_in_safe_mode}, {@code too_large},
     *     {@code body_incomplete}, {@code body_timeout}, {@code parse}, {@code decrypt}, {@code nonce}
     */
    default void callbackRefused(String account, String reason) {
    }

    /**
     * A redelivery of a message already handled was answered with the recorded reply (its handler did not run).
     *
     * @param account the account
     */
    default void callbackDeduplicated(String account) {
    }

    /**
     * A request reusing a nonce was refused (400, also counted as a {@code nonce} refusal): a POST whose message has
     * no dedupe record (a redelivery with one is answered from it and counted as deduplicated), or a repeated GET
     * handshake. It never runs a handler.
     *
     * @param account the account
     */
    default void callbackReplayed(String account) {
    }

    /**
     * A handler finished.
     *
     * @param account the account
     * @param handler the handler's name
     * @param took how long it ran
     */
    default void handlerLatency(String account, String handler, Duration took) {
    }

    /**
     * A handler missed the answer deadline: {@code success} was answered and the reply goes through customer service.
     *
     * @param account the account
     */
    default void deadlineMissed(String account) {
    }

    /**
     * A reply was sent late through customer service (a missed deadline or a reply-all extra).
     *
     * @param account the account
     * @param ok whether WeChat accepted it
     */
    default void lateSend(String account, boolean ok) {
    }

    /**
     * Message-log entries were dropped: the log's queue was full, or the store refused the row.
     *
     * @param count how many
     */
    default void messageLogDropped(long count) {
    }

    /**
     * A sync job reported progress.
     *
     * @param account the account
     * @param kind the job kind, e.g. {@code FOLLOWERS_FULL}
     * @param done items done
     * @param total items expected, 0 when unknown
     */
    default void syncProgress(String account, String kind, long done, long total) {
    }

    /**
     * A sync job ended.
     *
     * @param account the account
     * @param kind the job kind
     * @param state {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}
     * @param items items fetched (0 unless it succeeded)
     * @param took how long it ran
     */
    default void syncFinished(String account, String kind, String state, long items, Duration took) {
    }

    /**
     * A job start was refused because the same (account, kind) is running, here or on another node.
     *
     * @param account the account
     * @param kind the job kind
     */
    default void syncRefused(String account, String kind) {
    }
}
