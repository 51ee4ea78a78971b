package org.wechatmp.core.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * What custom rules, custom replies and listeners see of a message: the account, the parsed message, the API
 * client, the sender in the user repository, and the request it came in.
 *
 * <p>Everything is fixed for the message except {@link #attributes()}, a scratch map for listeners and handlers
 * (the built-in subscription listener puts {@link #FIRST_SUBSCRIBE} there).
 */
public final class MessageContext {
    /** The attribute set to {@code true} on a user's first follow ever seen. */
    public static final String FIRST_SUBSCRIBE = "wechat.firstSubscribe";

    private final Account account;
    private final WeChatMessage message;
    private final WeChatClient client;
    private final UserRepository users;
    private final byte[] plainXml;
    private final Map<String, String> query;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    /**
     * Creates a context.
     *
     * @param account the account
     * @param message the message
     * @param client the account's client, or {@code null} when it has no secret
     * @param users the user repository
     * @param plainXml the message's plaintext XML
     * @param query the callback's query parameters
     */
    public MessageContext(Account account, WeChatMessage message, WeChatClient client, UserRepository users,
            byte[] plainXml, Map<String, String> query) {
        this.account = Objects.requireNonNull(account, "account");
        this.message = Objects.requireNonNull(message, "message");
        this.client = client;
        this.users = users;
        this.plainXml = plainXml;
        this.query = query == null ? Map.of() : Map.copyOf(query);
    }

    /**
     * The account.
     *
     * @return the account
     */
    public Account account() {
        return account;
    }

    /**
     * The message.
     *
     * @return the message
     */
    public WeChatMessage message() {
        return message;
    }

    /**
     * The account's API client.
     *
     * @return the client
     * @throws org.wechatmp.core.WeChatException when the account has no secret
     */
    public WeChatClient client() {
        if (client == null) {
            throw new org.wechatmp.core.WeChatException("account " + account.name() + " has no API client");
        }
        return client;
    }

    /**
     * The sender as stored in the user repository.
     *
     * @return the user, if known
     */
    public Optional<WeChatUser> user() {
        return users == null ? Optional.empty() : users.find(account.name(), message.fromUserName());
    }

    /**
     * The message's plaintext XML, as decrypted.
     *
     * @return a copy of the bytes
     */
    public byte[] plainXml() {
        return plainXml == null ? new byte[0] : plainXml.clone();
    }

    byte[] plainXmlShared() {
        return plainXml == null ? new byte[0] : plainXml;
    }

    /**
     * The callback's query parameters.
     *
     * @return the parameters
     */
    public Map<String, String> query() {
        return query;
    }

    /**
     * A scratch map for this message.
     *
     * @return the attributes
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * Whether the built-in subscription listener saw this follow as the user's first.
     *
     * @return {@code true} on a first follow
     */
    public boolean isFirstSubscribe() {
        return Boolean.TRUE.equals(attributes.get(FIRST_SUBSCRIBE));
    }
}
