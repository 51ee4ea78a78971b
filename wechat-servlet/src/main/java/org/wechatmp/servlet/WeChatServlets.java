package org.wechatmp.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.web.WebSettings;

/**
 * Registers the adapter in one line:
 *
 * <pre>{@code
 * WeChatServlets.register(servletContext, runtime);                                   // /wechat/*, ...
 * WeChatServlets.protect(servletContext, runtime, OAuthConfig.of("demo", OAuthScope.USERINFO), "/me/*");
 * }</pre>
 */
public final class WeChatServlets {
    /** Where the callback servlet is mounted. */
    public static final String CALLBACK_PATH = "/wechat/*";
    /** Where the material proxy is mounted. */
    public static final String MATERIAL_PATH = "/wechat-material/*";
    /** Where the JS-SDK config script is mounted. */
    public static final String JSSDK_PATH = "/wechat-jssdk/*";

    private WeChatServlets() {
    }

    /**
     * Adds the callback servlet (no trusted proxy: the client address is the TCP peer), the material proxy (default
     * access check) and the JS-SDK script, and makes sessions cookie-only ({@code ;jsessionid=} in URLs is ignored)
     * with HttpOnly, SameSite=Lax session cookies.
     *
     * @param context the servlet context
     * @param runtime the runtime
     */
    public static void register(ServletContext context, WeChatRuntime runtime) {
        register(context, runtime, MaterialAccess.defaults());
    }

    /**
     * Adds the callback servlet, the material proxy and the JS-SDK script; no trusted proxy.
     *
     * @param context the servlet context
     * @param runtime the runtime
     * @param access who may read materials
     */
    public static void register(ServletContext context, WeChatRuntime runtime, MaterialAccess access) {
        register(context, runtime, access, WebSettings.defaults());
    }

    /**
     * Adds the callback servlet, the material proxy (default access check) and the JS-SDK script, with the site's
     * settings: the callback believes {@code X-Forwarded-For} only from their trusted proxies.
     *
     * @param context the servlet context
     * @param runtime the runtime
     * @param web the site URL, allowed hosts and trusted proxies (give the OAuth filter the same)
     */
    public static void register(ServletContext context, WeChatRuntime runtime, WebSettings web) {
        register(context, runtime, MaterialAccess.defaults(), web);
    }

    /**
     * Adds the callback servlet, the material proxy and the JS-SDK script, with the site's settings.
     *
     * @param context the servlet context
     * @param runtime the runtime
     * @param access who may read materials
     * @param web the site URL, allowed hosts and trusted proxies (give the OAuth filter the same)
     */
    public static void register(ServletContext context, WeChatRuntime runtime, MaterialAccess access,
            WebSettings web) {
        Web.secureSessions(context, false);
        ServletRegistration.Dynamic callback = context.addServlet("wechat-callback",
                new WeChatCallbackServlet(runtime, web));
        callback.setAsyncSupported(true); // the body is read without blocking, under a deadline
        callback.addMapping(CALLBACK_PATH);
        context.addServlet("wechat-material", new MaterialProxyServlet(runtime, access)).addMapping(MATERIAL_PATH);
        context.addServlet("wechat-jssdk", new JsSdkConfigServlet(runtime)).addMapping(JSSDK_PATH);
    }

    /**
     * Protects URL patterns with web authorization (sessions as in {@link #register(ServletContext, WeChatRuntime)};
     * the session cookie is always Secure when the config's site URL is HTTPS).
     *
     * @param context the servlet context
     * @param runtime the runtime
     * @param config the account, scope and behaviour
     * @param urlPatterns the patterns, e.g. {@code /me/*}
     */
    public static void protect(ServletContext context, WeChatRuntime runtime, OAuthConfig config,
            String... urlPatterns) {
        Web.secureSessions(context, config.web().httpsSite());
        FilterRegistration.Dynamic f = context.addFilter("wechat-oauth-" + config.account() + "-"
                + String.join(",", urlPatterns), new WeChatOAuthFilter(runtime, config));
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, urlPatterns);
    }
}
