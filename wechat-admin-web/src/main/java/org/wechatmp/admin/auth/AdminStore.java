package org.wechatmp.admin.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Admin users and grants in {@code wx_admin_user} and {@code wx_admin_grant}.
 */
public final class AdminStore {
    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher hasher;

    private record Row(long id, String hash, boolean active) {
    }

    /**
     * Creates the store.
     *
     * @param jdbi the database
     * @param clock the clock
     * @param hasher the password hasher
     */
    public AdminStore(Jdbi jdbi, Clock clock, PasswordHasher hasher) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.hasher = hasher;
    }

    /**
     * How many admins exist.
     *
     * @return the count
     */
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_admin_user").mapTo(Long.class).one());
    }

    /**
     * Creates an admin.
     *
     * @param username the name (1-64 letters, digits, {@code .-_@})
     * @param password the password (at least 8 characters)
     * @param superuser whether a superuser
     * @return the id
     */
    public long create(String username, String password, boolean superuser) {
        String name = validName(username);
        validPassword(password);
        String hash = hasher.hash(password);
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO wx_admin_user (username, password_hash, superuser, "
                + "active, created_at) VALUES (:u, :p, :s, TRUE, :t)").bind("u", name).bind("p", hash)
                .bind("s", superuser).bind("t", clock.millis()).executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class).one());
    }

    /**
     * Checks a username.
     *
     * @param username the name typed
     * @return the trimmed name
     * @throws IllegalArgumentException when it is not valid
     */
    public static String validName(String username) {
        String name = username == null ? "" : username.trim();
        if (!name.matches("[-_.@a-zA-Z0-9]{1,64}")) {
            throw new IllegalArgumentException("error.username");
        }
        return name;
    }

    /**
     * Checks a new password.
     *
     * @param password the password
     * @throws IllegalArgumentException when it is too short or too long
     */
    public static void validPassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 200) {
            throw new IllegalArgumentException("error.password");
        }
    }

    /**
     * Verifies a sign-in and records the time on success. Unknown and inactive users cost the same as wrong
     * passwords.
     *
     * @param username the name
     * @param password the password
     * @return the user on success
     */
    public Optional<AdminUser> authenticate(String username, String password) {
        String name = username == null ? "" : username.trim();
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery(
                "SELECT id, password_hash, active FROM wx_admin_user WHERE username = :u").bind("u", name)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getBoolean(3))).findOne());
        boolean ok = hasher.verify(password, row.map(Row::hash).orElse(null));
        if (!ok || !row.get().active()) {
            return Optional.empty();
        }
        long id = row.get().id();
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_user SET last_login_at = :t WHERE id = :id")
                .bind("t", clock.millis()).bind("id", id).execute());
        return find(id);
    }

    /**
     * Checks a user's current password (for a password change).
     *
     * @param id the user
     * @param password the password typed
     * @return whether it matches
     */
    public boolean checkPassword(long id, String password) {
        String hash = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM wx_admin_user WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne().orElse(null));
        return hasher.verify(password, hash);
    }

    /**
     * Finds a user with grants.
     *
     * @param id the id
     * @return the user
     */
    public Optional<AdminUser> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_admin_user WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> rs.getLong("id")).findOne().map(x -> load(h, x)));
    }

    /**
     * All users, by name.
     *
     * @return the users
     */
    public List<AdminUser> all() {
        return jdbi.withHandle(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM wx_admin_user ORDER BY username").mapTo(Long.class).list();
            List<AdminUser> out = new ArrayList<>();
            for (long id : ids) {
                out.add(load(h, id));
            }
            return out;
        });
    }

    private static AdminUser load(Handle h, long id) {
        List<Grant> grants = h.createQuery("SELECT account, section, level FROM wx_admin_grant WHERE admin_id = :id "
                + "ORDER BY account, section").bind("id", id).map((rs, ctx) -> new Grant(rs.getString(1),
                        Section.valueOf(rs.getString(2)), Level.valueOf(rs.getString(3)))).list();
        return h.createQuery("SELECT * FROM wx_admin_user WHERE id = :id").bind("id", id).map((rs, ctx) -> {
            long last = rs.getLong("last_login_at");
            Instant lastLogin = rs.wasNull() ? null : Instant.ofEpochMilli(last);
            return new AdminUser(id, rs.getString("username"), rs.getBoolean("superuser"), rs.getBoolean("active"),
                    rs.getString("locale"), rs.getString("time_zone"), Instant.ofEpochMilli(rs.getLong("created_at")),
                    lastLogin, grants);
        }).one();
    }

    /**
     * Sets a user's language and time zone.
     *
     * @param id the user
     * @param locale the language tag, or {@code null}
     * @param timeZone the zone id, or {@code null}
     */
    public void preferences(long id, String locale, String timeZone) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_user SET locale = :l, time_zone = :z WHERE id = :id")
                .bind("l", locale).bind("z", timeZone).bind("id", id).execute());
    }

    /**
     * Sets a user's password.
     *
     * @param id the user
     * @param password the new password
     */
    public void password(long id, String password) {
        validPassword(password);
        String hash = hasher.hash(password);
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_user SET password_hash = :p WHERE id = :id")
                .bind("p", hash).bind("id", id).execute());
    }

    /**
     * Sets the flags of a user.
     *
     * @param id the user
     * @param superuser whether superuser
     * @param active whether active
     */
    public void flags(long id, boolean superuser, boolean active) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_user SET superuser = :s, active = :a WHERE id = :id")
                .bind("s", superuser).bind("a", active).bind("id", id).execute());
    }

    /**
     * Replaces a user's grants.
     *
     * @param id the user
     * @param grants the grants
     */
    public void grants(long id, Collection<Grant> grants) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_admin_grant WHERE admin_id = :id").bind("id", id).execute();
            for (Grant g : grants) {
                h.createUpdate("INSERT INTO wx_admin_grant (admin_id, account, section, level) VALUES "
                        + "(:id, :a, :s, :l)").bind("id", id).bind("a", g.account()).bind("s", g.section().name())
                        .bind("l", g.level().name()).execute();
            }
        });
    }

    /**
     * Removes every grant on an account (when it is deleted).
     *
     * @param account the account
     */
    public void dropAccount(String account) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM wx_admin_grant WHERE account = :a").bind("a", account)
                .execute());
    }
}
