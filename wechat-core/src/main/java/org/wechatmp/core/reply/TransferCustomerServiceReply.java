package org.wechatmp.core.reply;

/**
 * Hands the message to customer service, optionally to a given agent.
 *
 * @param kfAccount the agent account ({@code name@account}), or {@code null} for any agent
 */
public record TransferCustomerServiceReply(String kfAccount) implements Reply {
    /**
     * Transfers to any available agent.
     */
    public TransferCustomerServiceReply() {
        this(null);
    }

    @Override
    public String msgType() {
        return "transfer_customer_service";
    }
}
