package org.wechatmp.core.engine;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.reply.Article;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.ImageReply;
import org.wechatmp.core.reply.MusicReply;
import org.wechatmp.core.reply.NewsReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.ReplyXml;
import org.wechatmp.core.reply.TextReply;
import org.wechatmp.core.reply.TransferCustomerServiceReply;
import org.wechatmp.core.reply.VideoReply;
import org.wechatmp.core.reply.VoiceReply;
import org.wechatmp.core.spi.MaterialRepository;

/**
 * The reply engine: finds the handler for a message through indexes built from the {@link HandlerRepository}
 * (rebuilt only when the repository's version changes) and produces its replies.
 *
 * <p>Custom rules and replies are Java objects registered here by name; handler data refers to them by that name.
 * Instances are immutable and thread-safe.
 */
public final class ReplyEngine {
    private static final MediaType XML = MediaType.get("text/xml; charset=utf-8");
    private static final OkHttpClient FORWARD_HTTP = new OkHttpClient.Builder()
            .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build();

    private final HandlerRepository handlers;
    private final MaterialRepository materials;
    private final Map<String, CustomRule> customRules;
    private final Map<String, CustomReply> customReplies;
    private final OkHttpClient http;
    private final Clock clock;
    private final Map<String, CompiledHandlers> compiled = new ConcurrentHashMap<>();

    private ReplyEngine(Builder b) {
        this.handlers = Objects.requireNonNull(b.handlers, "handlers");
        this.materials = b.materials;
        this.customRules = Map.copyOf(b.customRules);
        this.customReplies = Map.copyOf(b.customReplies);
        this.http = b.http;
        this.clock = b.clock;
    }

    /**
     * Starts a builder.
     *
     * @param handlers where the handlers live
     * @return the builder
     */
    public static Builder builder(HandlerRepository handlers) {
        return new Builder(handlers);
    }

    /**
     * The handler that answers a message: the first available handler, by weight then age, with a matching rule.
     *
     * @param context the message
     * @return the handler, or {@code null} when none matches
     */
    public Handler match(MessageContext context) {
        String account = context.account().name();
        return compiled(account).match(context.message(), clock.instant(), context, log(account));
    }

    private CompiledHandlers compiled(String account) {
        long version = handlers.version(account);
        CompiledHandlers c = compiled.get(account);
        if (c == null || c.version() != version) {
            c = CompiledHandlers.compile(version, handlers.handlers(account), customRules, log(account));
            compiled.put(account, c);
        }
        return c;
    }

    /**
     * Explains, without side effects, how the engine would answer a message now: the handler the engine's matching
     * chooses, the rule of it that matched, the other handlers with a matching rule and why they lose, and the
     * replies it would produce. Forward and custom replies are not run (no request leaves, no application code
     * runs); nothing is sent or logged. Custom rules do run, as they decide the match.
     *
     * @param context the message
     * @return the explanation
     */
    public Explanation explain(MessageContext context) {
        String account = context.account().name();
        Handler winner = match(context);
        List<Explanation.Candidate> candidates = MatchExplainer.candidates(handlers.handlers(account), context,
                clock.instant(), customRules, log(account));
        Rule rule = null;
        if (winner != null) {
            for (Explanation.Candidate c : candidates) {
                if (c.handler().id() == winner.id()) {
                    rule = c.rule();
                }
            }
        }
        List<Explanation.ReplyPreview> previews = new ArrayList<>();
        if (winner != null && winner.strategy() != Handler.Strategy.NONE) {
            for (HandlerReply spec : winner.replies()) {
                previews.add(preview(spec, context));
            }
        }
        return new Explanation(winner, rule, candidates, previews);
    }

    private Explanation.ReplyPreview preview(HandlerReply spec, MessageContext context) {
        if (spec.type() == HandlerReply.Type.FORWARD || spec.type() == HandlerReply.Type.CUSTOM) {
            return new Explanation.ReplyPreview(spec, null, Explanation.ReplyPreview.NOT_RUN);
        }
        try {
            return new Explanation.ReplyPreview(spec, build(spec, context, Duration.ZERO), null);
        } catch (RuntimeException e) {
            return new Explanation.ReplyPreview(spec, null, String.valueOf(e.getMessage()));
        }
    }

    /**
     * The names of the registered custom rules ({@link Builder#customRule}), sorted.
     *
     * @return the names
     */
    public List<String> customRuleNames() {
        return customRules.keySet().stream().sorted().toList();
    }

    /**
     * The names of the registered custom replies ({@link Builder#customReply}), sorted.
     *
     * @return the names
     */
    public List<String> customReplyNames() {
        return customReplies.keySet().stream().sorted().toList();
    }

    /**
     * Whether producing a handler's replies may block (news from storage, forward, custom code).
     *
     * @param handler the handler
     * @return {@code true} when it should run under a deadline
     */
    public boolean mayBlock(Handler handler) {
        if (handler.strategy() == Handler.Strategy.NONE) {
            return false;
        }
        for (HandlerReply r : handler.replies()) {
            if (r.mayBlock()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Matches and replies in one step.
     *
     * @param context the message
     * @param budget how long a forward may take
     * @return the result
     */
    public EngineResult handle(MessageContext context, Duration budget) {
        Handler h = match(context);
        return h == null ? EngineResult.UNMATCHED : reply(h, context, budget);
    }

    /**
     * Produces a handler's replies by its strategy: reply-all gives the last passively and the others as extras,
     * random-one picks one, none gives nothing.
     *
     * @param handler the handler
     * @param context the message
     * @param budget how long a forward may take
     * @return the result
     */
    public EngineResult reply(Handler handler, MessageContext context, Duration budget) {
        List<HandlerReply> specs = handler.replies();
        if (handler.strategy() == Handler.Strategy.NONE || specs.isEmpty()) {
            return new EngineResult(handler, EmptyReply.INSTANCE, List.of());
        }
        if (handler.strategy() == Handler.Strategy.RANDOM_ONE) {
            HandlerReply one = specs.get(ThreadLocalRandom.current().nextInt(specs.size()));
            return new EngineResult(handler, build(one, context, budget), List.of());
        }
        List<Reply> built = new ArrayList<>(specs.size());
        for (HandlerReply spec : specs) {
            Reply r = build(spec, context, budget);
            if (!(r instanceof EmptyReply)) {
                built.add(r);
            }
        }
        if (built.isEmpty()) {
            return new EngineResult(handler, EmptyReply.INSTANCE, List.of());
        }
        return new EngineResult(handler, built.get(built.size() - 1), built.subList(0, built.size() - 1));
    }

    private Reply build(HandlerReply spec, MessageContext ctx, Duration budget) {
        return switch (spec.type()) {
            case TEXT -> new TextReply(spec.content());
            case IMAGE -> new ImageReply(spec.mediaId());
            case VOICE -> new VoiceReply(spec.mediaId());
            case VIDEO -> new VideoReply(spec.mediaId(), spec.title(), spec.description());
            case MUSIC -> new MusicReply(spec.thumbMediaId(), spec.title(), spec.description(), spec.musicUrl(),
                    spec.hqMusicUrl());
            case TRANSFER -> new TransferCustomerServiceReply(spec.name());
            case NEWS -> news(spec.mediaId(), ctx);
            case FORWARD -> forward(spec.url(), ctx, budget);
            case CUSTOM -> custom(spec.name(), ctx);
        };
    }

    private Reply news(String mediaId, MessageContext ctx) {
        List<NewsArticle> stored = materials == null ? List.of() : materials.articles(ctx.account().name(), mediaId);
        if (stored.isEmpty()) {
            throw new WeChatException("news material " + mediaId + " has no stored articles; sync materials first");
        }
        List<Article> articles = new ArrayList<>();
        for (NewsArticle a : stored.subList(0, Math.min(stored.size(), NewsReply.MAX_ARTICLES))) {
            articles.add(new Article(a.title(), a.digest(), a.thumbUrl(), a.url()));
        }
        return new NewsReply(articles);
    }

    private Reply forward(String url, MessageContext ctx, Duration budget) {
        HttpUrl target = HttpUrl.parse(url);
        if (target == null) {
            throw new WeChatException("forward URL is not valid: " + url);
        }
        HttpUrl.Builder u = target.newBuilder();
        ctx.query().forEach(u::addQueryParameter);
        Request request = new Request.Builder().url(u.build())
                .post(RequestBody.create(ctx.plainXmlShared(), XML)).build();
        okhttp3.Call call = http.newCall(request);
        call.timeout().timeout(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw new WeChatException("forward to " + target.host() + " answered HTTP " + response.code());
            }
            ResponseBody body = response.body();
            return ReplyXml.parse(body == null ? "" : body.string()).reply();
        } catch (IOException e) {
            throw new WeChatException("forward to " + target.host() + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Reply custom(String name, MessageContext ctx) {
        CustomReply fn = customReplies.get(name);
        if (fn == null) {
            throw new WeChatException("custom reply " + name + " is not registered");
        }
        Object result;
        try {
            result = fn.reply(ctx);
        } catch (WeChatException e) {
            throw e;
        } catch (Exception e) {
            throw new WeChatException("custom reply " + name + " failed: " + e, e);
        }
        if (result == null) {
            return EmptyReply.INSTANCE;
        }
        if (result instanceof Reply r) {
            return r;
        }
        if (result instanceof CharSequence s) {
            return s.length() == 0 ? EmptyReply.INSTANCE : new TextReply(s.toString());
        }
        throw new WeChatException("custom reply " + name + " returned " + result.getClass().getName()
                + "; return a Reply, a String or null");
    }

    private static Logger log(String account) {
        return LoggerFactory.getLogger("wechat.handler." + account);
    }

    /** Builds a {@link ReplyEngine}. */
    public static final class Builder {
        private final HandlerRepository handlers;
        private MaterialRepository materials;
        private final Map<String, CustomRule> customRules = new HashMap<>();
        private final Map<String, CustomReply> customReplies = new HashMap<>();
        private OkHttpClient http = FORWARD_HTTP;
        private Clock clock = Clock.systemUTC();

        private Builder(HandlerRepository handlers) {
            this.handlers = handlers;
        }

        /**
         * Where news replies find their articles.
         *
         * @param materials the repository
         * @return this builder
         */
        public Builder materials(MaterialRepository materials) {
            this.materials = materials;
            return this;
        }

        /**
         * Registers a custom rule.
         *
         * @param name the name handler data uses
         * @param rule the predicate
         * @return this builder
         */
        public Builder customRule(String name, CustomRule rule) {
            customRules.put(Objects.requireNonNull(name), Objects.requireNonNull(rule));
            return this;
        }

        /**
         * Registers a custom reply.
         *
         * @param name the name handler data uses
         * @param reply the function
         * @return this builder
         */
        public Builder customReply(String name, CustomReply reply) {
            customReplies.put(Objects.requireNonNull(name), Objects.requireNonNull(reply));
            return this;
        }

        /**
         * The HTTP client for forward replies.
         *
         * @param http the client
         * @return this builder
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http);
            return this;
        }

        /**
         * The clock for handler time windows.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return the engine
         */
        public ReplyEngine build() {
            return new ReplyEngine(this);
        }
    }
}
