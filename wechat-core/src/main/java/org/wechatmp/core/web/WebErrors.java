package org.wechatmp.core.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.crypto.Signatures;

/**
 * Turns a failure into a short answer that names an error id and nothing else (no exception class, no SQL, no stack
 * trace); the full failure goes to the log under the same id, so an operator finds it from what the user saw.
 */
public final class WebErrors {
    /** The logger of web failures. */
    public static final String LOGGER = "wechat.web";

    private WebErrors() {
    }

    /**
     * A fresh error id.
     *
     * @return ten random letters and digits
     */
    public static String newId() {
        return Signatures.randomAlphanumeric(10);
    }

    /**
     * Logs a failure with a new id (at error level, with its stack trace) and answers it in one short line.
     *
     * @param status the status to answer, e.g. 500 or 502
     * @param what what could not be done, in a few words for the user, e.g. {@code "sign-in failed"}
     * @param where the component, for the log
     * @param failure the failure
     * @return the answer: {@code "<what> (error <id>)"}
     */
    public static WebAnswer failure(int status, String what, String where, Throwable failure) {
        String id = newId();
        Logger log = LoggerFactory.getLogger(LOGGER);
        log.error("[{}] {}: {} answered {}", id, where, what, status, failure);
        return WebAnswer.text(status, what + " (error " + id + ")");
    }

    /**
     * An answer for a refusal the log should still be able to find (at warn level, without a stack trace).
     *
     * @param status the 4xx status
     * @param what the short message
     * @param where the component
     * @param reason the detail for the log only
     * @return the answer: {@code "<what> (error <id>)"}
     */
    public static WebAnswer refusal(int status, String what, String where, String reason) {
        String id = newId();
        LoggerFactory.getLogger(LOGGER).warn("[{}] {}: {} ({}), answered {}", id, where, what, reason, status);
        return WebAnswer.text(status, what + " (error " + id + ")");
    }
}
