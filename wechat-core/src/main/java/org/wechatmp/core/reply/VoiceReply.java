package org.wechatmp.core.reply;

/**
 * A voice reply.
 *
 * @param mediaId the media id of the voice
 */
public record VoiceReply(String mediaId) implements Reply {
    /**
     * Validates the media id.
     *
     * @param mediaId the media id
     */
    public VoiceReply {
        if (mediaId == null || mediaId.isEmpty()) {
            throw new InvalidReplyException("a voice reply needs a media id");
        }
    }

    @Override
    public String msgType() {
        return "voice";
    }
}
