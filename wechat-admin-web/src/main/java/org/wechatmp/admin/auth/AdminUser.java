package org.wechatmp.admin.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An admin user as the pages see it (never with the password hash).
 *
 * @param id the id
 * @param username the sign-in name
 * @param superuser whether every account and the admin pages are allowed
 * @param active whether the user may sign in
 * @param locale the chosen language tag ({@code zh-CN}, {@code en}), or {@code null} to follow the browser
 * @param timeZone the chosen time zone id, or {@code null} for the default
 * @param createdAt when the user was created
 * @param lastLoginAt the last successful sign-in, or {@code null}
 * @param grants the grants (empty for a superuser, who needs none)
 */
public record AdminUser(long id, String username, boolean superuser, boolean active, String locale, String timeZone,
        Instant createdAt, Instant lastLoginAt, List<Grant> grants) {

    /**
     * Copies the grants.
     *
     * @param id the id
     * @param username the sign-in name
     * @param superuser whether every account and the admin pages are allowed
     * @param active whether the user may sign in
     * @param locale the chosen language tag ({@code zh-CN}, {@code en}), or {@code null} to follow the browser
     * @param timeZone the chosen time zone id, or {@code null} for the default
     * @param createdAt when the user was created
     * @param lastLoginAt the last successful sign-in, or {@code null}
     * @param grants the grants (empty for a superuser, who needs none)
     */
    public AdminUser {
        grants = List.copyOf(grants);
    }

    /**
     * The level granted on a section of an account.
     *
     * @param account the account
     * @param section the section
     * @return the level, or empty when none
     */
    public Optional<Level> level(String account, Section section) {
        if (superuser) {
            return Optional.of(Level.PUBLISH);
        }
        return grants.stream().filter(g -> g.account().equals(account) && g.section() == section)
                .map(Grant::level).findFirst();
    }

    /**
     * Whether the user may do something at a level on a section of an account.
     *
     * @param account the account
     * @param section the section
     * @param needed the level needed
     * @return whether allowed
     */
    public boolean can(String account, Section section, Level needed) {
        return level(account, section).map(l -> l.includes(needed)).orElse(false);
    }

    /**
     * Whether the user may see an account at all (any grant on it).
     *
     * @param account the account
     * @return whether visible
     */
    public boolean sees(String account) {
        return superuser || grants.stream().anyMatch(g -> g.account().equals(account));
    }
}
