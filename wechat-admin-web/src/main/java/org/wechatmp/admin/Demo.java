package org.wechatmp.admin;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.admin.auth.AdminStore;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.storage.jdbi.JdbiAccountRegistry;

/**
 * Demo mode: {@code java -jar} with no account and no API base started a local WeChat double; this makes the demo
 * account wired to it (option {@code demo=true}), the superuser {@code admin} with a generated password (printed
 * once in the log) when no admin exists, and runs the syncs once so there is something to look at. A later start on
 * the same database whose only accounts are demo accounts is in demo mode again (the double's new address is saved).
 */
final class Demo {
    /** The demo account's name. */
    static final String ACCOUNT = "demo";
    /** The demo account's callback token (the double's {@code SendMessage} default). */
    static final String TOKEN = "demo-token";
    static final String APP_ID = "wx0000000000demo0";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String OPTION = "demo";
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Demo() {
    }

    /**
     * Whether demo mode applies: a double was started and every account (if any) is a demo account.
     *
     * @param config the settings
     * @param accounts the accounts
     * @return whether to run in demo mode
     */
    static boolean applies(AdminConfig config, JdbiAccountRegistry accounts) {
        return config.demoApiBase() != null
                && accounts.all().stream().allMatch(a -> "true".equals(a.options().get(OPTION)));
    }

    /**
     * Makes or rewires the demo account, the demo admin, and starts the syncs.
     *
     * @param config the settings
     * @param accounts the accounts
     * @param runtime the runtime
     * @param admins the admins
     * @param audit the audit log
     */
    static void start(AdminConfig config, JdbiAccountRegistry accounts, WeChatRuntime runtime, AdminStore admins,
            AuditLog audit) {
        boolean fresh = accounts.find(ACCOUNT).isEmpty();
        Account account = accounts.find(ACCOUNT).orElse(new Account(ACCOUNT, "Demo (WeChat double)",
                Account.Type.SERVICE, APP_ID, "demo-secret", TOKEN, AES_KEY, EncryptMode.SAFE, true, true, Map.of()));
        Map<String, String> options = new HashMap<>(account.options());
        options.put("api_base", config.demoApiBase());
        options.put(OPTION, "true");
        account = new Account(account.name(), account.title(), account.type(), account.appId(), account.secret(),
                account.token(), account.aesKey(), account.encryptMode(), account.logMessages(),
                account.logReplies(), options);
        accounts.save(account);
        audit.record("system", ACCOUNT, fresh ? "demo.account" : "demo.rewire", config.demoApiBase(), true, null,
                null);
        if (admins.count() == 0 && config.adminUser() == null) {
            String password = password();
            admins.create("admin", password, true);
            audit.record("system", null, "demo.admin", "admin", true, null, null);
            LOG.info("\n*************************************************************\n"
                    + "DEMO MODE: a local WeChat double at {} stands in for WeChat.\n"
                    + "Sign in as 'admin' with this generated password (shown only now):\n\n    {}\n\n"
                    + "*************************************************************", config.demoApiBase(), password);
        } else {
            LOG.info("DEMO MODE: a local WeChat double at {} stands in for WeChat; sign in with the existing admin",
                    config.demoApiBase());
        }
        LOG.info("demo account '{}': callback token {} (encrypted, safe mode); send it signed messages with "
                + "examples/wechat-double's SendMessage", ACCOUNT, TOKEN);
        List<JobKind> kinds = List.of(JobKind.FOLLOWERS_FULL, JobKind.TAGS, JobKind.MENUS, JobKind.MATERIALS,
                JobKind.AUTO_REPLIES);
        List<String> started = new ArrayList<>();
        for (JobKind k : kinds) {
            try {
                Account a = account;
                runtime.jobs().start(a, k, "demo").done().thenAccept(Demo::finished);
                started.add(k.name());
            } catch (RuntimeException e) {
                LOG.warn("demo: the {} sync did not start: {}", k, e.getMessage());
            }
        }
        LOG.info("demo: syncing {} from the double (see /jobs)", started);
    }

    private static void finished(JobRun run) {
        if (run.error() == null) {
            LOG.info("demo: {} sync {}: {}", run.kind(), run.state(), run.summary());
        } else {
            LOG.warn("demo: {} sync {}: {}", run.kind(), run.state(), run.error());
        }
    }

    private static String password() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
