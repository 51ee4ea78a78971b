package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wechatmp.core.callback.LoggedMessage;
import org.wechatmp.core.callback.MessageLogEntry;

/**
 * One line of a follower's recent conversation on the follower page, read from the message log.
 *
 * @param at when
 * @param incoming whether the follower sent it
 * @param kind the message type, or the event for events
 * @param text the text content (cut to 200 characters), or empty
 */
record FollowerMessage(Instant at, boolean incoming, String kind, String text) {
    private static final Pattern CONTENT = Pattern.compile(
            "<Content>\\s*(?:<!\\[CDATA\\[(.*?)]]>|([^<]*))\\s*</Content>", Pattern.DOTALL);

    static FollowerMessage of(LoggedMessage m) {
        MessageLogEntry e = m.entry();
        String text = "";
        if (e.xml() != null) {
            Matcher x = CONTENT.matcher(e.xml());
            if (x.find()) {
                text = x.group(1) != null ? x.group(1) : x.group(2);
            }
        }
        if (text.codePointCount(0, text.length()) > 200) {
            text = text.substring(0, text.offsetByCodePoints(0, 200)) + "…";
        }
        boolean event = "event".equals(e.msgType()) && e.event() != null && !e.event().isEmpty();
        return new FollowerMessage(e.createdAt(), e.direction() == MessageLogEntry.Direction.IN,
                event ? e.msgType() + " · " + e.event() : e.msgType(), text);
    }
}
