package org.wechatmp.core.message;

/**
 * An account verification notice: {@code qualification_verify_success}, {@code qualification_verify_fail}, {@code naming_verify_success}, {@code naming_verify_fail}, {@code annual_renew} or {@code verify_expired}.
 */
public final class VerifyEvent extends EventMessage {
    VerifyEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The expiry (success, renew and expired notices), or the epoch when absent.
     *
     * @return the value
     */
    public java.time.Instant expiredTime() {
        return java.time.Instant.ofEpochSecond(fields().longValue("ExpiredTime", 0L));
    }

    /**
     * When the verification failed, or the epoch when absent.
     *
     * @return the value
     */
    public java.time.Instant failTime() {
        return java.time.Instant.ofEpochSecond(fields().longValue("FailTime", 0L));
    }

    /**
     * Why it failed.
     *
     * @return the value
     */
    public String failReason() {
        return fields().text("FailReason", "");
    }
}
