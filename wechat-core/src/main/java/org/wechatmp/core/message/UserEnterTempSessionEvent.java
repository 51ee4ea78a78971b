package org.wechatmp.core.message;

/**
 * A user entering a customer-service conversation from a mini program ({@code user_enter_tempsession}).
 */
public final class UserEnterTempSessionEvent extends EventMessage {
    UserEnterTempSessionEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The developer-defined origin.
     *
     * @return the value
     */
    public String sessionFrom() {
        return fields().text("SessionFrom", "");
    }
}
