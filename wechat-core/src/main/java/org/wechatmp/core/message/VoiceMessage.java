package org.wechatmp.core.message;

/**
 * A voice message ({@code MsgType} {@code voice}), with speech recognition when the account enabled it.
 */
public final class VoiceMessage extends WeChatMessage {
    VoiceMessage(XmlFields fields) {
        super(fields);
    }

    /**
     * The temporary media id of the voice.
     *
     * @return the value
     */
    public String mediaId() {
        return fields().text("MediaId", "");
    }

    /**
     * The audio format, e.g. {@code amr} or {@code speex}.
     *
     * @return the value
     */
    public String format() {
        return fields().text("Format", "");
    }

    /**
     * The recognised text, or an empty string when recognition is off.
     *
     * @return the value
     */
    public String recognition() {
        return fields().text("Recognition", "");
    }
}
