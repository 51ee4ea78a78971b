package org.wechatmp.admin.web;

import java.util.List;
import org.wechatmp.core.Account;

/**
 * The account form's values as shown: never a secret, only whether one is set.
 */
record AccountForm(String name, String title, String type, String appId, String encryptMode, boolean logMessages,
        boolean logReplies, String apiBase, String oauthUrl, String tokenUrl, boolean secretSet, boolean tokenSet,
        boolean aesKeySet) {
    static final List<String> TYPES = List.of("SERVICE", "SUBSCRIPTION", "OTHER");
    static final List<String> MODES = List.of("PLAIN", "COMPATIBLE", "SAFE");

    static AccountForm empty() {
        return new AccountForm("", "", "SERVICE", "", "PLAIN", false, false, "", "", "", false, false, false);
    }

    static AccountForm of(Account a) {
        return new AccountForm(a.name(), a.title(), a.type().name(), a.appId(), a.encryptMode().name(),
                a.logMessages(), a.logReplies(), opt(a, "api_base"), opt(a, "oauth_url"), opt(a, "token_url"),
                !a.secret().isEmpty(), !a.token().isEmpty(), !a.aesKey().isEmpty());
    }

    private static String opt(Account a, String key) {
        String v = a.option(key);
        return v == null ? "" : v;
    }
}
