package org.wechatmp.core.message;

/**
 * The delivery report of a template message ({@code TEMPLATESENDJOBFINISH}); {@link #msgId()} is the template message id.
 */
public final class TemplateSendJobFinishEvent extends EventMessage {
    TemplateSendJobFinishEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * {@code success}, {@code failed:user block} or {@code failed: system failed}.
     *
     * @return the value
     */
    public String status() {
        return fields().text("Status", "");
    }
}
