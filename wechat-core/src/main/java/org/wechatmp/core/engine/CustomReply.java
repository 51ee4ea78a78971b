package org.wechatmp.core.engine;

/**
 * A reply written in Java, registered by name with {@link ReplyEngine.Builder#customReply} and referred to from
 * handler data with {@link HandlerReply#custom(String)}.
 */
@FunctionalInterface
public interface CustomReply {
    /**
     * Produces a reply.
     *
     * @param context the message and its account
     * @return a {@link org.wechatmp.core.reply.Reply}, a {@code String} (sent as text), or {@code null} for none
     * @throws Exception any failure; the callback still answers {@code success} and logs it with an id
     */
    Object reply(MessageContext context) throws Exception;
}
