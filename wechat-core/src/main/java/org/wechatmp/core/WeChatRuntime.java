package org.wechatmp.core;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.CustomReply;
import org.wechatmp.core.engine.CustomRule;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.core.oauth.WebOAuth;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMaterialRepository;
import org.wechatmp.core.callback.InMemoryStores;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.spi.InMemoryUserRepository;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.callback.MessageLogStore;
import org.wechatmp.core.callback.NonceStore;
import org.wechatmp.core.client.TokenStore;
import org.wechatmp.core.spi.UserRepository;

/**
 * Everything an application needs for its accounts, wired once: a client per account, the reply engine, the
 * callback pipeline and the web OAuth flow, all on the same SPIs (in memory by default; the storage module supplies
 * database ones). Adapters take a runtime and expose it over HTTP.
 *
 * <p>Per-account options read here: {@code api_base} (the API base URL), {@code oauth_url} (the host of the browser
 * authorize page) and {@code token_url} (a central token service, see {@link org.wechatmp.core.client.TokenSource#url(String)}).
 */
public final class WeChatRuntime implements AutoCloseable {
    private final AccountRegistry accounts;
    private final HandlerRepository handlers;
    private final UserRepository users;
    private final MaterialRepository materials;
    private final TokenStore tokens;
    private final Clock clock;
    private final ReplyEngine engine;
    private final WeChatCallback callback;
    private final WebOAuth oauth;
    private final Map<String, Map.Entry<Account, WeChatClient>> clients = new ConcurrentHashMap<>();

    private WeChatRuntime(Builder b) {
        this.accounts = b.accounts;
        this.handlers = b.handlers;
        this.users = b.users;
        this.materials = b.materials;
        this.tokens = b.tokens;
        this.clock = b.clock;
        ReplyEngine.Builder eb = ReplyEngine.builder(handlers).materials(materials).clock(clock);
        b.customRules.forEach(eb::customRule);
        b.customReplies.forEach(eb::customReply);
        this.engine = eb.build();
        WeChatCallback.Builder cb = WeChatCallback.builder(accounts, engine).users(users).clients(this::client)
                .deduplicator(b.dedupe).nonceStore(b.nonces).messageLog(b.messageLog);
        b.callbackCustomizer.accept(cb);
        this.callback = cb.build();
        this.oauth = new WebOAuth(this::client, users, b.signer, clock);
    }

    /**
     * Starts a builder.
     *
     * @param accounts where accounts are found
     * @return the builder
     */
    public static Builder builder(AccountRegistry accounts) {
        return new Builder(accounts);
    }

    /**
     * The accounts.
     *
     * @return the registry
     */
    public AccountRegistry accounts() {
        return accounts;
    }

    /**
     * Finds an account.
     *
     * @param name the account name
     * @return the account
     */
    public Optional<Account> account(String name) {
        return accounts.find(name);
    }

    /**
     * The client of an account, made once and kept while the account's settings stay the same.
     *
     * @param account the account
     * @return the client
     */
    public WeChatClient client(Account account) {
        return clients.compute(account.name(), (k, old) -> {
            if (old != null && (old.getKey() == account || old.getKey().equals(account))) {
                return old;
            }
            return Map.entry(account, WeChatClient.builder(account).tokenStore(tokens).clock(clock).build());
        }).getValue();
    }

    /**
     * The reply engine.
     *
     * @return the engine
     */
    public ReplyEngine engine() {
        return engine;
    }

    /**
     * The callback pipeline.
     *
     * @return the pipeline
     */
    public WeChatCallback callback() {
        return callback;
    }

    /**
     * The web OAuth flow.
     *
     * @return the flow
     */
    public WebOAuth oauth() {
        return oauth;
    }

    /**
     * The handlers.
     *
     * @return the repository
     */
    public HandlerRepository handlers() {
        return handlers;
    }

    /**
     * The users.
     *
     * @return the repository
     */
    public UserRepository users() {
        return users;
    }

    /**
     * The materials.
     *
     * @return the repository
     */
    public MaterialRepository materials() {
        return materials;
    }

    @Override
    public void close() {
        callback.close();
    }

    /** Builds a {@link WeChatRuntime}; everything but the accounts defaults to memory. */
    public static final class Builder {
        private final AccountRegistry accounts;
        private HandlerRepository handlers = new InMemoryHandlerRepository();
        private UserRepository users = new InMemoryUserRepository();
        private MaterialRepository materials = new InMemoryMaterialRepository();
        private TokenStore tokens = new InMemoryTokenStore();
        private final InMemoryStores memory = new InMemoryStores();
        private Deduplicator dedupe = memory;
        private NonceStore nonces = memory;
        private MessageLogStore messageLog;
        private OAuthStateSigner signer = OAuthStateSigner.random();
        private Clock clock = Clock.systemUTC();
        private final Map<String, CustomRule> customRules = new HashMap<>();
        private final Map<String, CustomReply> customReplies = new HashMap<>();
        private Consumer<WeChatCallback.Builder> callbackCustomizer = b -> { };

        private Builder(AccountRegistry accounts) {
            this.accounts = Objects.requireNonNull(accounts);
        }

        /**
         * The handlers.
         *
         * @param handlers the repository
         * @return this builder
         */
        public Builder handlers(HandlerRepository handlers) {
            this.handlers = Objects.requireNonNull(handlers);
            return this;
        }

        /**
         * The users.
         *
         * @param users the repository
         * @return this builder
         */
        public Builder users(UserRepository users) {
            this.users = Objects.requireNonNull(users);
            return this;
        }

        /**
         * The materials.
         *
         * @param materials the repository
         * @return this builder
         */
        public Builder materials(MaterialRepository materials) {
            this.materials = Objects.requireNonNull(materials);
            return this;
        }

        /**
         * The token store shared by the clients.
         *
         * @param tokens the store
         * @return this builder
         */
        public Builder tokenStore(TokenStore tokens) {
            this.tokens = Objects.requireNonNull(tokens);
            return this;
        }

        /**
         * The deduplicator.
         *
         * @param dedupe the deduplicator
         * @return this builder
         */
        public Builder deduplicator(Deduplicator dedupe) {
            this.dedupe = Objects.requireNonNull(dedupe);
            return this;
        }

        /**
         * The nonce store.
         *
         * @param nonces the store
         * @return this builder
         */
        public Builder nonceStore(NonceStore nonces) {
            this.nonces = Objects.requireNonNull(nonces);
            return this;
        }

        /**
         * The message log.
         *
         * @param log the store, or {@code null} for none
         * @return this builder
         */
        public Builder messageLog(MessageLogStore log) {
            this.messageLog = log;
            return this;
        }

        /**
         * The OAuth state signer; use a configured key when several nodes serve the same site.
         *
         * @param signer the signer
         * @return this builder
         */
        public Builder stateSigner(OAuthStateSigner signer) {
            this.signer = Objects.requireNonNull(signer);
            return this;
        }

        /**
         * The clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Registers a custom rule.
         *
         * @param name its name in handler data
         * @param rule the rule
         * @return this builder
         */
        public Builder customRule(String name, CustomRule rule) {
            customRules.put(name, rule);
            return this;
        }

        /**
         * Registers a custom reply.
         *
         * @param name its name in handler data
         * @param reply the reply
         * @return this builder
         */
        public Builder customReply(String name, CustomReply reply) {
            customReplies.put(name, reply);
            return this;
        }

        /**
         * Adjusts the callback pipeline (deadline, listeners, ...).
         *
         * @param customizer called with the pipeline's builder
         * @return this builder
         */
        public Builder callback(Consumer<WeChatCallback.Builder> customizer) {
            this.callbackCustomizer = Objects.requireNonNull(customizer);
            return this;
        }

        /**
         * Builds the runtime.
         *
         * @return the runtime
         */
        public WeChatRuntime build() {
            return new WeChatRuntime(this);
        }
    }
}
