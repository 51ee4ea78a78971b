package org.wechatmp.core.callback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.AccountRegistry;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.TimestampWindow;
import org.wechatmp.core.crypto.WeChatCrypto;
import org.wechatmp.core.crypto.WeChatCryptoException;
import org.wechatmp.core.crypto.WeChatCryptoException.Reason;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.message.XmlFields;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.reply.ReplyXml;

/**
 * The inbound protocol, without handlers: stage one checks what arrives before the body (account, signature,
 * timestamp, declared length; answers the GET handshake), stage two decrypts and parses the body once, and
 * {@link #respond} encrypts a reply for the request it answers. Refusals are logged with every request value escaped
 * ({@link LogSafe}) and counted ({@link WeChatMetrics#callbackRefused}, under {@link #UNKNOWN} for an account not
 * found, as the URL's name is the caller's choice).
 */
final class InboundProtocol {
    private static final Logger UNKNOWN_ACCOUNT_LOG = LoggerFactory.getLogger("wechat.handler");
    private static final java.util.concurrent.ConcurrentMap<String, Logger> LOGGERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The account label of a refusal for an account that does not exist. */
    static final String UNKNOWN = "-";
    private static final String XML_TYPE = "application/xml; charset=utf-8";

    /**
     * A request that passed stage one; the query values are read once, here.
     *
     * @param started the ticker reading when the request arrived (the deadline runs from it)
     */
    record Inbound(Account account, Map<String, String> query, String timestamp, String nonce, boolean encrypted,
            String clientAddress, long started) {
    }

    /** A decrypted, parsed message and the crypto that answers it ({@code null} in plain mode). */
    record Opened(WeChatMessage message, byte[] plain, WeChatCrypto crypto) {
    }

    private record CachedCrypto(Account account, WeChatCrypto crypto) {
    }

    private final AccountRegistry registry;
    private final TimestampWindow window;
    private final MessageParser parser;
    private final int maxBodyBytes;
    private final WeChatMetrics metrics;
    private final Cache<String, CachedCrypto> cryptos = Caffeine.newBuilder().maximumSize(10_000).build();

    InboundProtocol(AccountRegistry registry, TimestampWindow window, MessageParser parser, int maxBodyBytes,
            WeChatMetrics metrics) {
        this.registry = registry;
        this.window = window;
        this.parser = parser;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Stage one: everything that can be decided before a body byte is read. Returns the request to go on with, or
     * throws a {@link Refused} carrying the answer.
     */
    Inbound admit(String accountName, String method, Map<String, String> query, String clientAddress,
            long declaredLength, long started) {
        Optional<Account> found = registry.find(accountName);
        if (found.isEmpty()) {
            UNKNOWN_ACCOUNT_LOG.warn("callback for unknown account {} from {}",
                    LogSafe.of(accountName), LogSafe.of(clientAddress));
            metrics.callbackRefused(UNKNOWN, "unknown_account");
            throw new Refused(CallbackResponse.text(404, "unknown account"));
        }
        Account account = found.get();
        boolean get = "GET".equalsIgnoreCase(method);
        if (!get && !"POST".equalsIgnoreCase(method)) {
            metrics.callbackRefused(account.name(), "method");
            throw new Refused(CallbackResponse.text(405, "method not allowed"));
        }
        String signature = query.get("signature");
        String timestamp = query.get("timestamp");
        String nonce = query.get("nonce");
        try {
            if (signature == null || timestamp == null || nonce == null) {
                throw new WeChatCryptoException(Reason.MISSING_PARAMETER, "missing signature, timestamp or nonce");
            }
            WeChatCrypto.checkCallbackSignature(account.token(), signature, timestamp, nonce);
            window.check(timestamp);
            boolean encrypted = "aes".equalsIgnoreCase(query.get("encrypt_type"));
            if (!get && !encrypted && account.encryptMode() == EncryptMode.SAFE) {
                throw new WeChatCryptoException(Reason.PLAINTEXT_REFUSED,
                        "plaintext message refused: the account is in safe mode");
            }
            if (!get && declaredLength > maxBodyBytes) {
                refusal(account, clientAddress, query, "declared body of " + declaredLength + " bytes", "too_large");
                throw new Refused(CallbackResponse.text(413, "body too large"));
            }
            return new Inbound(account, query, timestamp, nonce, encrypted, clientAddress, started);
        } catch (WeChatCryptoException e) {
            throw refused(account, clientAddress, query, e);
        }
    }

    /** The GET handshake of a request that passed stage one: records its nonce (a reuse is 400), echoes. */
    CallbackResponse handshake(Inbound in, Deliveries deliveries) {
        try {
            deliveries.handshake(in, now());
        } catch (WeChatCryptoException e) {
            return refused(in.account(), in.clientAddress(), in.query(), e).response();
        }
        String echo = in.query().get("echostr");
        if (echo == null) {
            metrics.callbackRefused(in.account().name(), "missing_parameter");
            return CallbackResponse.text(400, "missing echostr");
        }
        log(in.account()).info("callback URL verified from {}", LogSafe.of(in.clientAddress()));
        return CallbackResponse.text(200, echo);
    }

    /** Stage two: decrypts (safe and compatible mode) and parses the body once. */
    Opened open(Inbound in, byte[] body) {
        Account account = in.account();
        XmlFields fields = parser.parseFields(body);
        if (!in.encrypted()) {
            return new Opened(MessageParser.toMessage(fields), body, null);
        }
        if (account.aesKey().isEmpty()) {
            throw new WeChatCryptoException(Reason.BAD_AES_KEY, "encrypted message but the account has no AES key");
        }
        String encrypt = fields.text("Encrypt");
        if (encrypt == null) {
            throw new WeChatCryptoException(Reason.BAD_XML, "encrypted message without an Encrypt element");
        }
        WeChatCrypto crypto = crypto(account);
        byte[] plain = crypto.verifyAndDecrypt(in.query().get("msg_signature"), in.timestamp(), in.nonce(), encrypt);
        return new Opened(parser.parse(plain), plain, crypto);
    }

    /** Answers with a plaintext reply, encrypted with the request's timestamp and nonce when it was encrypted. */
    CallbackResponse respond(Inbound in, WeChatCrypto crypto, String replyXml, Runnable after) {
        if (replyXml == null || replyXml.isEmpty()) {
            return new CallbackResponse(200, "text/plain; charset=utf-8", ReplyXml.SUCCESS, after);
        }
        String body = crypto == null ? replyXml : crypto.encryptReply(replyXml, in.timestamp(), in.nonce());
        return new CallbackResponse(200, XML_TYPE, body, after);
    }

    /**
     * The answer to a failed check: 403 for a bad signature, 400 otherwise; logged, values escaped, counted (a reused
     * nonce also as {@link WeChatMetrics#callbackReplayed}).
     */
    Refused refused(Account account, String clientAddress, Map<String, String> query, RuntimeException e) {
        Reason reason = e instanceof WeChatCryptoException c ? c.reason() : Reason.BAD_XML;
        if (reason == Reason.REPLAYED_NONCE) {
            metrics.callbackReplayed(account.name());
        }
        refusal(account, clientAddress, query, e.getMessage(), reason(reason));
        return new Refused(CallbackResponse.text(reason == Reason.BAD_SIGNATURE ? 403 : 400, e.getMessage()));
    }

    /** The metrics word for a failed check. */
    static String reason(Reason reason) {
        return switch (reason) {
            case BAD_SIGNATURE -> "signature";
            case MISSING_PARAMETER -> "missing_parameter";
            case BAD_TIMESTAMP -> "timestamp";
            case REPLAYED_NONCE -> "nonce";
            case PLAINTEXT_REFUSED -> "plaintext_in_safe_mode";
            case BAD_XML -> "parse";
            default -> "decrypt";
        };
    }

    CallbackResponse bodyFailed(InboundProtocol.Inbound in, BodyReader.Problem problem) {
        CallbackResponse r = switch (problem) {
            case TOO_LARGE -> CallbackResponse.text(413, "body too large");
            case INCOMPLETE -> CallbackResponse.text(400, "incomplete body");
            case TIMED_OUT -> CallbackResponse.text(408, "body not received in time");
        };
        refusal(in.account(), in.clientAddress(), in.query(), r.body(), switch (problem) {
            case TOO_LARGE -> "too_large";
            case INCOMPLETE -> "body_incomplete";
            case TIMED_OUT -> "body_timeout";
        });
        return r;
    }

    void refusal(Account account, String clientAddress, Map<String, String> query, String why, String reason) {
        metrics.callbackRefused(account.name(), reason);
        log(account).warn("refused callback from {} {}: {}", LogSafe.of(clientAddress), LogSafe.query(query),
                LogSafe.of(why));
    }

    /**
     * The logger of an account, {@code wechat.handler.<name>}, looked up once per account name (the logging backend
     * keeps every logger it hands out anyway, so the cache holds nothing longer than the backend does).
     */
    static Logger log(Account account) {
        return LOGGERS.computeIfAbsent(account.name(), n -> LoggerFactory.getLogger("wechat.handler." + n));
    }

    Instant now() {
        return window.clock().instant();
    }

    private WeChatCrypto crypto(Account account) {
        CachedCrypto c = cryptos.getIfPresent(account.name());
        if (c == null || (c.account() != account && !c.account().equals(account))) {
            c = new CachedCrypto(account, WeChatCrypto.of(account.token(), account.aesKey(), account.appId()));
            cryptos.put(account.name(), c);
        }
        return c.crypto();
    }

    /** A request answered before the pipeline's end: the response says how. */
    static final class Refused extends WeChatException {
        private static final long serialVersionUID = 1L;
        private final transient CallbackResponse response;

        Refused(CallbackResponse response) {
            super(response.body());
            this.response = response;
        }

        CallbackResponse response() {
            return response;
        }
    }
}
