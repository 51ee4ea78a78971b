package org.wechatmp.storage.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.WeChatRuntimeBuilder;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.MessageLogStore;
import org.wechatmp.core.callback.NonceStore;
import org.wechatmp.core.client.TokenStore;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.spi.MenuRepository;
import org.wechatmp.core.spi.TagRepository;
import org.wechatmp.core.spi.TemplateRepository;
import org.wechatmp.core.spi.UserRepository;

/**
 * Every core SPI on a relational database (H2 embedded by default; PostgreSQL and MySQL/MariaDB in production):
 * accounts, tokens (shared, one refresh per expiry across processes), dedupe and nonces (shared), users, handlers,
 * materials and articles, and the message log. Built from a JDBC URL (with its own HikariCP pool) or a
 * {@link DataSource}; the schema is migrated with Flyway on start unless switched off.
 *
 * <pre>{@code
 * JdbiStorage storage = JdbiStorage.builder("jdbc:h2:file:./data/wechat").build();
 * WeChatRuntime runtime = storage.runtime().build();
 * }</pre>
 *
 * <p>Account secrets, callback tokens and AES keys, and the access tokens and tickets of the token store, are
 * encrypted at rest with AES-256-GCM when a master key is configured ({@link Builder#masterKey(String)}); without
 * one they are stored as they are. Plaintext values written before a key was configured still read.
 */
public final class JdbiStorage implements AutoCloseable {
    private final HikariDataSource ownPool;
    private final Jdbi jdbi;
    private final String vendor;
    private final JdbiAccountRegistry accounts;
    private final JdbiTokenStore tokens;
    private final JdbiDeliveryStore deliveries;
    private final JdbiUserRepository users;
    private final JdbiHandlerRepository handlers;
    private final JdbiMaterialRepository materials;
    private final JdbiMessageLogStore messageLog;
    private final JdbiSyncStateStore syncStates;
    private final JdbiMenuRepository menus;
    private final JdbiTagRepository tags;
    private final JdbiTemplateRepository templates;
    private final JdbiJobStore jobs;

    private JdbiStorage(Builder b) {
        DataSource ds = b.dataSource;
        HikariDataSource pool = null;
        if (ds == null) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(b.url);
            if (b.user != null) {
                cfg.setUsername(b.user);
            }
            if (b.password != null) {
                cfg.setPassword(b.password);
            }
            cfg.setMaximumPoolSize(b.poolSize);
            cfg.setPoolName("wechat-" + Integer.toHexString(System.identityHashCode(this)));
            pool = new HikariDataSource(cfg);
            ds = pool;
        }
        this.ownPool = pool;
        try {
            this.vendor = vendor(ds);
            if (b.migrate) {
                migrate(ds, vendor);
            }
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
        this.jdbi = Jdbi.create(ds);
        SecretCipher cipher = new SecretCipher(b.masterKey);
        this.accounts = new JdbiAccountRegistry(jdbi, cipher, b.clock);
        this.tokens = new JdbiTokenStore(jdbi, b.clock, cipher);
        this.deliveries = new JdbiDeliveryStore(jdbi, ds, b.clock, vendor, JdbiDeliveryStore.MAX_UNWRITTEN,
                b.claimLease.toMillis());
        Dialect dialect = new Dialect(vendor);
        this.users = new JdbiUserRepository(jdbi, dialect);
        this.handlers = new JdbiHandlerRepository(jdbi, b.clock, dialect);
        this.materials = new JdbiMaterialRepository(jdbi);
        this.messageLog = new JdbiMessageLogStore(jdbi, dialect);
        this.syncStates = new JdbiSyncStateStore(jdbi);
        this.menus = new JdbiMenuRepository(jdbi, b.clock);
        this.tags = new JdbiTagRepository(jdbi);
        this.templates = new JdbiTemplateRepository(jdbi);
        this.jobs = new JdbiJobStore(jdbi);
    }

    /**
     * Starts a builder for a JDBC URL, e.g. {@code jdbc:h2:mem:wechat}, {@code jdbc:h2:file:./data/wechat},
     * {@code jdbc:postgresql://host/db}, {@code jdbc:mariadb://host/db}.
     *
     * @param jdbcUrl the URL
     * @return the builder
     */
    public static Builder builder(String jdbcUrl) {
        return new Builder(Objects.requireNonNull(jdbcUrl), null);
    }

    /**
     * Starts a builder for an existing data source (its pool is not closed by {@link #close()}).
     *
     * @param dataSource the data source
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(null, Objects.requireNonNull(dataSource));
    }

    private static String vendor(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            String vendor = Sql.vendor(product);
            if (vendor == null) {
                throw new WeChatException("unsupported database: " + product);
            }
            return vendor;
        } catch (SQLException e) {
            throw new WeChatException("cannot connect to the database: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource ds, String vendor) {
        // the column types here; column changes and query indexes in Dialect
        Map<String, String> placeholders = new java.util.HashMap<>(switch (vendor) {
            case "postgresql" -> Map.of("text", "TEXT", "identity", "BIGINT GENERATED BY DEFAULT AS IDENTITY",
                    "index_table_wx_user", "");
            case "mysql" -> Map.of("text", "MEDIUMTEXT", "identity", "BIGINT AUTO_INCREMENT",
                    "index_table_wx_user", " ON wx_user");
            default -> Map.of("text", "CLOB", "identity", "BIGINT GENERATED BY DEFAULT AS IDENTITY",
                    "index_table_wx_user", "");
        });
        placeholders.putAll(Dialect.placeholders(vendor));
        Flyway.configure().dataSource(ds).locations("classpath:db/wechat").table("wx_schema_history")
                .placeholders(placeholders).baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    /**
     * The database vendor: {@code h2}, {@code postgresql} or {@code mysql}.
     *
     * @return the vendor
     */
    public String vendor() {
        return vendor;
    }

    /**
     * Jdbi on this storage's data source, for applications' own queries.
     *
     * @return the Jdbi
     */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * The accounts.
     *
     * @return the registry
     */
    public JdbiAccountRegistry accounts() {
        return accounts;
    }

    /**
     * The shared token store.
     *
     * @return the store
     */
    public TokenStore tokens() {
        return tokens;
    }

    /**
     * The shared deduplicator.
     *
     * @return the deduplicator
     */
    public Deduplicator deduplicator() {
        return deliveries;
    }

    /**
     * The shared nonce store.
     *
     * @return the store
     */
    public NonceStore nonces() {
        return deliveries;
    }

    /**
     * Deletes expired dedupe and nonce rows now (it also happens by itself every 1,024 operations).
     *
     * @return how many rows were deleted
     */
    public int sweepExpired() {
        return deliveries.sweepNow();
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
     * The handlers.
     *
     * @return the repository
     */
    public HandlerRepository handlers() {
        return handlers;
    }

    /**
     * The materials.
     *
     * @return the repository
     */
    public MaterialRepository materials() {
        return materials;
    }

    /**
     * The message log.
     *
     * @return the store
     */
    public MessageLogStore messageLog() {
        return messageLog;
    }

    /**
     * The templates.
     *
     * @return the repository
     */
    public TemplateRepository templates() {
        return templates;
    }

    /**
     * The tags and their members.
     *
     * @return the repository
     */
    public TagRepository tags() {
        return tags;
    }

    /**
     * The stored menus.
     *
     * @return the repository
     */
    public MenuRepository menus() {
        return menus;
    }

    /**
     * The sync states (cursors, progress, last results).
     *
     * @return the store
     */
    public org.wechatmp.core.sync.SyncStateStore syncStates() {
        return syncStates;
    }

    /**
     * The job store: leases and run records of background jobs, shared by every node on this database.
     *
     * @return the store
     */
    public org.wechatmp.core.jobs.JobStore jobs() {
        return jobs;
    }

    /**
     * A runtime builder with every SPI on this storage.
     *
     * @return the builder, to add custom rules and replies and build
     */
    public WeChatRuntimeBuilder runtime() {
        return WeChatRuntime.builder(accounts).handlers(handlers).users(users).materials(materials)
                .tokenStore(tokens).deduplicator(deliveries).nonceStore(deliveries).messageLog(messageLog)
                .tags(tags).menus(menus).templates(templates).syncStates(syncStates).jobStore(jobs);
    }

    /** Writes the queued dedupe records and closes the pool this storage made (not a data source it was given). */
    @Override
    public void close() {
        deliveries.close();
        if (ownPool != null) {
            ownPool.close();
        }
    }

    /** Builds a {@link JdbiStorage}. */
    public static final class Builder {
        private final String url;
        private final DataSource dataSource;
        private String user;
        private String password;
        private int poolSize = 10;
        private boolean migrate = true;
        private byte[] masterKey;
        private Clock clock = Clock.systemUTC();
        private Duration claimLease = Duration.ofSeconds(10);

        private Builder(String url, DataSource dataSource) {
            this.url = url;
            this.dataSource = dataSource;
        }

        /**
         * Database credentials (they may also be in the URL).
         *
         * @param user the user
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * The pool size; default 10.
         *
         * @param size the size
         * @return this builder
         */
        public Builder poolSize(int size) {
            this.poolSize = size;
            return this;
        }

        /**
         * Whether to migrate the schema on start; default yes.
         *
         * @param migrate whether to migrate
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * The master key that encrypts account secrets, access tokens and tickets at rest: base64 of 32 random
         * bytes.
         *
         * @param base64 the key, or {@code null} for none
         * @return this builder
         */
        public Builder masterKey(String base64) {
            this.masterKey = base64 == null ? null : Base64.getDecoder().decode(base64.trim());
            return this;
        }

        /**
         * How long a delivery's claim holds its message while its handler runs, unless this node renews it (it
         * does, from a quarter of the lease on, until the reply is recorded); default 10 seconds. A node that dies
         * mid-handler stops renewing: its claim lapses, and WeChat's next retry (they come 5 seconds apart, three at
         * most) claims the message on another node and runs the handler there. A shorter lease hands over sooner; a
         * node that cannot reach the database for longer than the lease may see its running handler's message taken
         * over. Node clocks must agree within a fraction of the lease.
         *
         * @param lease the lease, at least one second
         * @return this builder
         */
        public Builder claimLease(Duration lease) {
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("a claim lease of at least one second: " + lease);
            }
            this.claimLease = lease;
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
         * Connects, migrates and builds.
         *
         * @return the storage
         */
        public JdbiStorage build() {
            return new JdbiStorage(this);
        }
    }
}
