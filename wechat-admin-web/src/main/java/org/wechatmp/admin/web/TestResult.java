package org.wechatmp.admin.web;

/**
 * The outcome of "test credentials".
 *
 * @param ok whether a token was obtained
 * @param errcode WeChat's errcode, or {@code null}
 * @param message a message key (on success) or the error text (never a secret)
 */
record TestResult(boolean ok, Integer errcode, String message) {
}
