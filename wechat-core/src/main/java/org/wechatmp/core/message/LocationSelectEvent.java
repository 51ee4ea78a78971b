package org.wechatmp.core.message;

/**
 * A location picked from a location menu button ({@code location_select}).
 */
public final class LocationSelectEvent extends EventMessage {
    LocationSelectEvent(XmlFields fields) {
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
     * The latitude.
     *
     * @return the value
     */
    public double locationX() {
        return fields().child("SendLocationInfo").doubleValue("Location_X", 0d);
    }

    /**
     * The longitude.
     *
     * @return the value
     */
    public double locationY() {
        return fields().child("SendLocationInfo").doubleValue("Location_Y", 0d);
    }

    /**
     * The map zoom level.
     *
     * @return the value
     */
    public int scale() {
        return fields().child("SendLocationInfo").intValue("Scale", 0);
    }

    /**
     * The place description.
     *
     * @return the value
     */
    public String label() {
        return fields().child("SendLocationInfo").text("Label", "");
    }

    /**
     * The POI name, or an empty string.
     *
     * @return the value
     */
    public String poiName() {
        return fields().child("SendLocationInfo").text("Poiname", "");
    }
}
