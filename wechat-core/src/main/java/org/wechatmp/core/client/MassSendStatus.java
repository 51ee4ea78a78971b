package org.wechatmp.core.client;

/**
 * The state of a mass send.
 *
 * @param msgId the mass message id
 * @param msgStatus {@code SEND_SUCCESS}, {@code SENDING}, {@code SEND_FAIL} or {@code DELETE}
 */
public record MassSendStatus(long msgId, String msgStatus) {
    /**
     * Whether the send is finished successfully.
     *
     * @return true for {@code SEND_SUCCESS}
     */
    public boolean succeeded() {
        return "SEND_SUCCESS".equals(msgStatus);
    }
}
