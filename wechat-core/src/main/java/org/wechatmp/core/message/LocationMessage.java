package org.wechatmp.core.message;

/**
 * A location message ({@code MsgType} {@code location}).
 */
public final class LocationMessage extends WeChatMessage {
    LocationMessage(XmlFields fields) {
        super(fields);
    }

    /**
     * The latitude ({@code Location_X}).
     *
     * @return the value
     */
    public double locationX() {
        return fields().doubleValue("Location_X", 0d);
    }

    /**
     * The longitude ({@code Location_Y}).
     *
     * @return the value
     */
    public double locationY() {
        return fields().doubleValue("Location_Y", 0d);
    }

    /**
     * The map zoom level.
     *
     * @return the value
     */
    public int scale() {
        return fields().intValue("Scale", 0);
    }

    /**
     * The place description.
     *
     * @return the value
     */
    public String label() {
        return fields().text("Label", "");
    }
}
