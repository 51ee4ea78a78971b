package org.wechatmp.admin.web;

import gg.jte.TemplateEngine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.admin.auth.AdminStore;
import org.wechatmp.admin.auth.LoginThrottle;
import org.wechatmp.admin.auth.SetupToken;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * What the pages use.
 *
 * @param registry the meters of the runtime ({@code /metrics} and the dashboard's figures)
 * @param metricsToken the bearer token of {@code /metrics}, or {@code null}
 * @param demo whether the admin runs in demo mode (a banner on every page)
 * @param events the callbacks, for pages that follow them
 */
record Services(WeChatRuntime runtime, JdbiStorage storage, AdminStore admins, AuditLog audit, LoginThrottle throttle,
        SetupToken setup, String siteUrl, ZoneId zone, Clock clock, TemplateEngine templates,
        PrometheusMeterRegistry registry, String metricsToken, boolean demo, Events events) {
}
