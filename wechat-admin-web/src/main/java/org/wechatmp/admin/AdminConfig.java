package org.wechatmp.admin;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The admin's settings. Each is read from a system property ({@code wechat.db.url}), then an environment variable
 * ({@code WECHAT_DB_URL}), then, in a container, a context parameter of the same name as the system property.
 *
 * @param dbUrl the JDBC URL; default an H2 file {@code ./data/wechat-admin}
 * @param dbUser the database user, or {@code null}
 * @param dbPassword the database password, or {@code null}
 * @param masterKey the base64 master key sealing account secrets at rest, or {@code null}
 * @param oauthKey the key signing OAuth state, or {@code null}
 * @param siteUrl the public URL of the site (used for the callback URL shown), or {@code null} to use the request's
 * @param adminUser a superuser to create on start when no admin exists, or {@code null}
 * @param adminPassword that superuser's password, or {@code null}
 * @param timeZone the default time zone for dates
 * @param sessionMinutes the idle session timeout in minutes
 * @param logLevel the log level name ({@code info}, {@code debug}, ...)
 * @param metricsToken the bearer token that may scrape {@code /metrics}, or {@code null} (then only a signed-in
 *     superuser may)
 * @param demoApiBase the base URL of the WeChat double the standalone launcher started for demo mode, or
 *     {@code null}; demo mode starts only when, in addition, no account exists
 */
public record AdminConfig(String dbUrl, String dbUser, String dbPassword, String masterKey, String oauthKey,
        String siteUrl, String adminUser, String adminPassword, ZoneId timeZone, int sessionMinutes,
        String logLevel, String metricsToken, String demoApiBase) {

    /** The default database: an H2 file beside the working directory. */
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/wechat-admin";

    /**
     * Validates.
     *
     * @param dbUrl the JDBC URL; default an H2 file {@code ./data/wechat-admin}
     * @param dbUser the database user, or {@code null}
     * @param dbPassword the database password, or {@code null}
     * @param masterKey the base64 master key sealing account secrets at rest, or {@code null}
     * @param oauthKey the key signing OAuth state, or {@code null}
     * @param siteUrl the public URL of the site (used for the callback URL shown), or {@code null} to use the request's
     * @param adminUser a superuser to create on start when no admin exists, or {@code null}
     * @param adminPassword that superuser's password, or {@code null}
     * @param timeZone the default time zone for dates
     * @param sessionMinutes the idle session timeout in minutes
     * @param logLevel the log level name ({@code info}, {@code debug}, ...)
     * @param metricsToken the bearer token that may scrape {@code /metrics}, or {@code null} (then only a signed-in
     *     superuser may)
     * @param demoApiBase the base URL of the WeChat double the standalone launcher started for demo mode, or
     *     {@code null}; demo mode starts only when, in addition, no account exists
     */
    public AdminConfig {
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(timeZone, "timeZone");
        if (sessionMinutes < 1) {
            throw new IllegalArgumentException("session minutes must be positive");
        }
    }

    /**
     * Reads the settings from a source of context parameters (may answer {@code null}), system properties and the
     * environment.
     *
     * @param contextParams context parameters by property name, e.g. {@code wechat.db.url}
     * @return the configuration
     */
    public static AdminConfig load(UnaryOperator<String> contextParams) {
        return load(contextParams, System.getenv(), System::getProperty);
    }

    /**
     * Reads the settings in a container: system properties, the environment, then the web application's context
     * parameters, then JNDI environment entries ({@code java:comp/env/wechat.db.url}, ...).
     *
     * @param contextParams context parameters by property name
     * @return the configuration
     */
    public static AdminConfig loadInContainer(UnaryOperator<String> contextParams) {
        return load(prop -> {
            String v = contextParams.apply(prop);
            return v == null || v.isBlank() ? jndi(prop) : v;
        });
    }

    static String jndi(String prop) {
        try {
            Object v = new javax.naming.InitialContext().lookup("java:comp/env/" + prop);
            return v == null ? null : v.toString();
        } catch (javax.naming.NamingException | RuntimeException e) {
            return null; // no JNDI here, or no such entry
        }
    }

    static AdminConfig load(UnaryOperator<String> contextParams, Map<String, String> env,
            UnaryOperator<String> sysProps) {
        UnaryOperator<String> get = prop -> {
            String v = sysProps.apply(prop);
            if (blank(v)) {
                v = env.get(prop.toUpperCase(Locale.ROOT).replace('.', '_'));
            }
            if (blank(v) && contextParams != null) {
                v = contextParams.apply(prop);
            }
            return blank(v) ? null : v.trim();
        };
        String db = get.apply("wechat.db.url");
        String tz = get.apply("wechat.time.zone");
        String minutes = get.apply("wechat.session.minutes");
        String site = get.apply("wechat.site.url");
        return new AdminConfig(db == null ? DEFAULT_DB_URL : db, get.apply("wechat.db.user"),
                get.apply("wechat.db.password"), get.apply("wechat.master.key"), get.apply("wechat.oauth.key"),
                site == null ? null : site.replaceAll("/+$", ""), get.apply("wechat.admin.user"),
                get.apply("wechat.admin.password"), tz == null ? ZoneId.systemDefault() : ZoneId.of(tz),
                minutes == null ? 30 : Integer.parseInt(minutes), get.apply("wechat.log.level"),
                get.apply("wechat.metrics.token"), get.apply("wechat.demo.api.base"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Whether the site is served over https (then the session cookie is always Secure).
     *
     * @return whether the site URL starts with https
     */
    public boolean httpsSite() {
        return siteUrl != null && siteUrl.startsWith("https://");
    }

    @Override
    public String toString() {
        return "AdminConfig[db=" + dbUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", site=" + siteUrl
                + ", masterKey=" + (masterKey == null ? "none" : "set") + ", metricsToken="
                + (metricsToken == null ? "none" : "set") + ", timeZone=" + timeZone
                + (demoApiBase == null ? "" : ", demo double=" + demoApiBase) + "]";
    }
}
