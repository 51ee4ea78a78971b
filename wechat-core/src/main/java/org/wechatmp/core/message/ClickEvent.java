package org.wechatmp.core.message;

/**
 * A tap on a click menu button ({@code CLICK}); {@link #eventKey()} is the button key.
 */
public final class ClickEvent extends EventMessage {
    ClickEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The button key.
     *
     * @return the value
     */
    public String key() {
        return eventKey();
    }
}
