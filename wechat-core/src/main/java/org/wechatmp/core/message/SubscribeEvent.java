package org.wechatmp.core.message;

/**
 * A follow: {@code subscribe}, including a follow through a parametric QR code (an {@code EventKey} starting with {@code qrscene_}).
 */
public final class SubscribeEvent extends EventMessage {
    SubscribeEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * Whether the user followed by scanning a parametric QR code.
     *
     * @return the value
     */
    public boolean isScan() {
        return eventKey().startsWith("qrscene_");
    }

    /**
     * The QR scene value without the {@code qrscene_} prefix, or an empty string.
     *
     * @return the value
     */
    public String scene() {
        String k = eventKey();
        return k.startsWith("qrscene_") ? k.substring(8) : "";
    }

    /**
     * The QR ticket, or an empty string.
     *
     * @return the value
     */
    public String ticket() {
        return fields().text("Ticket", "");
    }
}
