package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Messages followers sent on a day of one type.
 *
 * @param refDate the day
 * @param msgType 1 text, 2 image, 3 voice, 4 video, 6 third-party app message
 * @param msgUser the followers who sent
 * @param msgCount the messages
 */
public record UpstreamMessages(LocalDate refDate, int msgType, long msgUser, long msgCount) {
}
