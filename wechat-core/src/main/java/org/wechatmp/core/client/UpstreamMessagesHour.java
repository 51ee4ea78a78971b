package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Messages followers sent in one hour of one type.
 *
 * @param refDate the day
 * @param refHour the hour as WeChat sends it
 * @param msgType 1 text, 2 image, 3 voice, 4 video, 6 third-party app message
 * @param msgUser the followers who sent
 * @param msgCount the messages
 */
public record UpstreamMessagesHour(LocalDate refDate, int refHour, int msgType, long msgUser, long msgCount) {
}
