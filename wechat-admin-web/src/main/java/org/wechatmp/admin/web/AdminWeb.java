package org.wechatmp.admin.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumSet;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.admin.auth.AdminStore;
import org.wechatmp.admin.auth.LoginThrottle;
import org.wechatmp.admin.auth.SetupToken;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.WeChatRuntimeBuilder;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * Mounts the admin pages on a servlet context: the security filter on {@code /*} and the page servlet on
 * {@code /} (it also serves the bundled assets and streams job progress), and the Prometheus scrape endpoint on
 * {@code /metrics}; nothing else answers but the WeChat servlets.
 */
public final class AdminWeb {
    private AdminWeb() {
    }

    /**
     * Before the runtime is built: the pages register their job kinds and the admin's callback listener.
     *
     * @param runtime the runtime's builder
     * @param storage the storage
     * @param clock the clock
     * @return what {@link #install} needs
     */
    public static Prepared prepare(WeChatRuntimeBuilder runtime, JdbiStorage storage, Clock clock) {
        AccountSections sections = new AccountSections();
        sections.configure(runtime, storage, clock);
        Events events = new Events();
        runtime.callback(b -> b.listener(events));
        return new Prepared(sections, events);
    }

    /** The pages and the callback listener, made by {@link #prepare} before the runtime. */
    public static final class Prepared {
        private final AccountSections sections;
        private final Events events;

        private Prepared(AccountSections sections, Events events) {
            this.sections = sections;
            this.events = events;
        }
    }

    /**
     * Adds the filter and the servlet.
     *
     * @param context the context (during start-up)
     * @param runtime the WeChat runtime
     * @param storage the storage
     * @param admins the admin users
     * @param audit the audit log
     * @param throttle the sign-in throttle
     * @param setup the one-time setup token
     * @param siteUrl the public URL, or {@code null}
     * @param zone the default time zone
     * @param clock the clock
     * @param registry the runtime's meters, scraped at {@code /metrics}
     * @param metricsToken the bearer token of {@code /metrics}, or {@code null} (then only a signed-in superuser)
     * @param demo whether the admin runs in demo mode
     * @param prepared what {@link #prepare} made
     */
    public static void install(ServletContext context, WeChatRuntime runtime, JdbiStorage storage,
            AdminStore admins, AuditLog audit, LoginThrottle throttle, SetupToken setup, String siteUrl,
            ZoneId zone, Clock clock, PrometheusMeterRegistry registry, String metricsToken, boolean demo,
            Prepared prepared) {
        TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
                AdminWeb.class.getClassLoader(), AdminWeb.class.getPackageName());
        Services s = new Services(runtime, storage, admins, audit, throttle, setup, siteUrl, zone, clock, templates,
                registry, metricsToken, demo, prepared.events);
        prepared.sections.start(s);
        FilterRegistration.Dynamic filter = context.addFilter("wechat-admin-security", new SecurityFilter(siteUrl));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        ServletRegistration.Dynamic servlet = context.addServlet("wechat-admin", new AdminServlet(s, prepared.sections));
        servlet.addMapping("/");
        servlet.setLoadOnStartup(1);
        servlet.setAsyncSupported(true); // /jobs/{id}/events streams server-sent events
        // material uploads (multipart): files up to 20 MB reach the page, which refuses over WeChat's limits itself
        servlet.setMultipartConfig(new jakarta.servlet.MultipartConfigElement(null, 20L << 20, 21L << 20, 1 << 20));
        ServletRegistration.Dynamic metrics = context.addServlet("wechat-admin-metrics", new MetricsServlet(s));
        metrics.addMapping("/metrics");
    }
}
