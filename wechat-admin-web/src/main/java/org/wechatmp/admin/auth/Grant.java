package org.wechatmp.admin.auth;

import java.util.Objects;

/**
 * One permission: a level on one section of one account.
 *
 * @param account the account name
 * @param section the section
 * @param level the level
 */
public record Grant(String account, Section section, Level level) {
    /**
     * Validates.
     *
     * @param account the account name
     * @param section the section
     * @param level the level
     */
    public Grant {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(level, "level");
    }
}
