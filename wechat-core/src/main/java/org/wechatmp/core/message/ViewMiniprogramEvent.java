package org.wechatmp.core.message;

/**
 * A tap on a mini-program menu button ({@code view_miniprogram}).
 */
public final class ViewMiniprogramEvent extends EventMessage {
    ViewMiniprogramEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The mini-program page path.
     *
     * @return the value
     */
    public String pagePath() {
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
