package org.wechatmp.core.message;

/**
 * A customer-service session change: {@code kf_create_session}, {@code kf_close_session} or {@code kf_switch_session}.
 */
public final class KfSessionEvent extends EventMessage {
    KfSessionEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The agent account of a create or close.
     *
     * @return the value
     */
    public String kfAccount() {
        return fields().text("KfAccount", "");
    }

    /**
     * The previous agent of a switch.
     *
     * @return the value
     */
    public String fromKfAccount() {
        return fields().text("FromKfAccount", "");
    }

    /**
     * The new agent of a switch.
     *
     * @return the value
     */
    public String toKfAccount() {
        return fields().text("ToKfAccount", "");
    }
}
