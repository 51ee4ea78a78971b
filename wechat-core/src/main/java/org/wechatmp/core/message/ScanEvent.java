package org.wechatmp.core.message;

/**
 * A scan of a parametric QR code by a user who already follows ({@code SCAN}).
 */
public final class ScanEvent extends EventMessage {
    ScanEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The QR scene value (scene_id or scene_str).
     *
     * @return the value
     */
    public String scene() {
        return eventKey();
    }

    /**
     * The QR ticket.
     *
     * @return the value
     */
    public String ticket() {
        return fields().text("Ticket", "");
    }
}
