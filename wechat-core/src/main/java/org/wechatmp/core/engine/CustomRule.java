package org.wechatmp.core.engine;

/**
 * A rule written in Java, registered by name with {@link ReplyEngine.Builder#customRule} and referred to from
 * handler data with {@link Rule#custom(String)}. An exception counts as no match and is logged.
 */
@FunctionalInterface
public interface CustomRule {
    /**
     * Tests a message.
     *
     * @param context the message and its account
     * @return whether the rule matches
     */
    boolean test(MessageContext context);
}
