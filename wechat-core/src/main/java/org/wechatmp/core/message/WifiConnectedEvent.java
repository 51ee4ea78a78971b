package org.wechatmp.core.message;

/**
 * A connection through WeChat Wi-Fi ({@code WifiConnected}).
 */
public final class WifiConnectedEvent extends EventMessage {
    WifiConnectedEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * When the user connected, in seconds.
     *
     * @return the value
     */
    public long connectTime() {
        return fields().longValue("ConnectTime", 0L);
    }

    /**
     * When the connection expires, in seconds.
     *
     * @return the value
     */
    public long expireTime() {
        return fields().longValue("ExpireTime", 0L);
    }

    /**
     * The vendor id.
     *
     * @return the value
     */
    public String vendorId() {
        return fields().text("VendorId", "");
    }

    /**
     * The shop id ({@code PlaceId}).
     *
     * @return the value
     */
    public String shopId() {
        return fields().text("PlaceId", "");
    }

    /**
     * The device number (BSSID).
     *
     * @return the value
     */
    public String deviceNo() {
        return fields().text("DeviceNo", "");
    }
}
