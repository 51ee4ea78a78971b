package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.wechatmp.core.Account;

/**
 * Decides who may fetch a permanent material through the proxy. The default lets in container users in the role
 * {@value #ADMIN_ROLE} and users who went through the account's web authorization in this session; everyone else
 * gets 403.
 */
@FunctionalInterface
public interface MaterialAccess {
    /** The container role that may read every material. */
    String ADMIN_ROLE = "wechat-admin";

    /**
     * Whether the request may read the material.
     *
     * @param request the request
     * @param account the account
     * @param mediaId the material
     * @return {@code true} to serve it
     */
    boolean allowed(HttpServletRequest request, Account account, String mediaId);

    /**
     * The default check.
     *
     * @return the check
     */
    static MaterialAccess defaults() {
        return (req, account, mediaId) -> {
            if (req.isUserInRole(ADMIN_ROLE)) {
                return true;
            }
            var session = req.getSession(false);
            return session != null && session.getAttribute("wechat.oauth." + account.name()) != null;
        };
    }

    /**
     * Everyone may read materials (for public media only).
     *
     * @return the check
     */
    static MaterialAccess everyone() {
        return (req, account, mediaId) -> true;
    }
}
