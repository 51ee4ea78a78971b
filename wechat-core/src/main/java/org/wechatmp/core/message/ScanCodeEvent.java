package org.wechatmp.core.message;

/**
 * A scan from a scan menu button: {@code scancode_push} or {@code scancode_waitmsg}.
 */
public final class ScanCodeEvent extends EventMessage {
    ScanCodeEvent(XmlFields fields) {
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

    /**
     * The code type, e.g. {@code qrcode}.
     *
     * @return the value
     */
    public String scanType() {
        return fields().child("ScanCodeInfo").text("ScanType", "");
    }

    /**
     * The decoded content.
     *
     * @return the value
     */
    public String scanResult() {
        return fields().child("ScanCodeInfo").text("ScanResult", "");
    }
}
