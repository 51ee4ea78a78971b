package org.wechatmp.core.message;

/**
 * A location report when the user allows it ({@code LOCATION}).
 */
public final class LocationEvent extends EventMessage {
    LocationEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The latitude.
     *
     * @return the value
     */
    public double latitude() {
        return fields().doubleValue("Latitude", 0d);
    }

    /**
     * The longitude.
     *
     * @return the value
     */
    public double longitude() {
        return fields().doubleValue("Longitude", 0d);
    }

    /**
     * The precision.
     *
     * @return the value
     */
    public double precision() {
        return fields().doubleValue("Precision", 0d);
    }
}
