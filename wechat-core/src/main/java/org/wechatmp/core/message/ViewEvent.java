package org.wechatmp.core.message;

/**
 * A tap on a link menu button ({@code VIEW}).
 */
public final class ViewEvent extends EventMessage {
    ViewEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The URL opened.
     *
     * @return the value
     */
    public String url() {
        return eventKey();
    }

    /**
     * The id of the conditional menu, or an empty string.
     *
     * @return the value
     */
    public String menuId() {
        return fields().text("MenuId", "");
    }
}
