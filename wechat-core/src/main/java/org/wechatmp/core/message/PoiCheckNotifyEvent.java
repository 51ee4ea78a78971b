package org.wechatmp.core.message;

/**
 * The review result of a store (POI) ({@code poi_check_notify}).
 */
public final class PoiCheckNotifyEvent extends EventMessage {
    PoiCheckNotifyEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The merchant's own id.
     *
     * @return the value
     */
    public String uniqId() {
        return fields().text("UniqId", "");
    }

    /**
     * The WeChat POI id.
     *
     * @return the value
     */
    public String poiId() {
        return fields().text("PoiId", "");
    }

    /**
     * {@code succ} or {@code fail}.
     *
     * @return the value
     */
    public String result() {
        return fields().text("Result", "");
    }

    /**
     * The reason.
     *
     * @return the value
     */
    public String msg() {
        return fields().text("Msg", "");
    }
}
