package org.wechatmp.core.client;

/**
 * The mass send speed setting.
 *
 * @param speed the level, 0 (80万/minute) to 4 (10万/minute)
 * @param realspeed the speed in thousands of messages per minute
 */
public record MassSendSpeed(int speed, int realspeed) {
}
