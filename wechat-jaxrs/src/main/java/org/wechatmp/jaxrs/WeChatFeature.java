package org.wechatmp.jaxrs;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Set;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.core.web.WebSettings;

/**
 * Registers the JAX-RS adapter: the {@link WeChatAuth} filters, the {@link WeChatOAuthInfo} converter and the
 * exception mapper. Use {@link #singletons(WeChatRuntime)} for everything, resources included:
 *
 * <pre>{@code
 * new ResourceConfig().registerInstances(WeChatFeature.singletons(runtime).toArray())   // Jersey
 * public Set<Object> getSingletons() { return WeChatFeature.singletons(runtime); }       // any Application
 * }</pre>
 *
 * <p>A resource method then takes the user as {@code @HeaderParam(WeChatFeature.OAUTH_HEADER) WeChatOAuthInfo}.
 */
public final class WeChatFeature implements Feature {
    /** The header through which the signed-in user reaches resource methods; clients cannot forge it. */
    public static final String OAUTH_HEADER = "X-WeChat-OAuth";

    private final WeChatRuntime runtime;
    private final WebSettings web;

    /**
     * Creates the feature with {@link WebSettings#defaults()}: sign-in is refused (400) until a site URL or allowed
     * hosts are configured with {@link #WeChatFeature(WeChatRuntime, WebSettings)}.
     *
     * @param runtime the runtime
     */
    public WeChatFeature(WeChatRuntime runtime) {
        this(runtime, WebSettings.defaults());
    }

    /**
     * Creates the feature.
     *
     * @param runtime the runtime
     * @param web the site URL, allowed hosts and trusted proxies
     */
    public WeChatFeature(WeChatRuntime runtime, WebSettings web) {
        this.runtime = Objects.requireNonNull(runtime);
        this.web = Objects.requireNonNull(web);
    }

    /**
     * The feature (with {@link WebSettings#defaults()}) and the resources (callback, JS-SDK).
     *
     * @param runtime the runtime
     * @return instances to register
     */
    public static Set<Object> singletons(WeChatRuntime runtime) {
        return singletons(runtime, WebSettings.defaults());
    }

    /**
     * The feature and the resources (callback, JS-SDK), all with the same settings: the callback believes
     * {@code X-Forwarded-For} only from their trusted proxies.
     *
     * @param runtime the runtime
     * @param web the site URL, allowed hosts and trusted proxies
     * @return instances to register
     */
    public static Set<Object> singletons(WeChatRuntime runtime, WebSettings web) {
        return Set.of(new WeChatFeature(runtime, web), new WeChatCallbackResource(runtime, web),
                new JsSdkResource(runtime));
    }

    @Override
    public boolean configure(FeatureContext context) {
        if (RemoteAddressFilter.available()) {
            context.register(new RemoteAddressFilter(), Priorities.AUTHENTICATION - 100);
        }
        context.register(new AuthBinding(runtime, web));
        context.register(new OAuthInfoConverter(runtime));
        context.register(new WeChatExceptionMapper());
        return true;
    }

    /** Puts a {@link WeChatAuthFilter} on every method (or class) annotated {@link WeChatAuth}. */
    static final class AuthBinding implements DynamicFeature {
        private final WeChatRuntime runtime;
        private final WebSettings web;

        AuthBinding(WeChatRuntime runtime, WebSettings web) {
            this.runtime = runtime;
            this.web = web;
        }

        @Override
        public void configure(ResourceInfo info, FeatureContext context) {
            WeChatAuth auth = info.getResourceMethod().getAnnotation(WeChatAuth.class);
            if (auth == null) {
                auth = info.getResourceClass().getAnnotation(WeChatAuth.class);
            }
            if (auth != null) {
                context.register(new WeChatAuthFilter(runtime, web, auth), Priorities.AUTHENTICATION);
            }
        }
    }

    /** Turns the signed header into the user. */
    static final class OAuthInfoConverter implements ParamConverterProvider {
        private final WeChatRuntime runtime;

        OAuthInfoConverter(WeChatRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> ParamConverter<T> getConverter(Class<T> raw, Type generic, Annotation[] annotations) {
            if (raw != WeChatOAuthInfo.class) {
                return null;
            }
            return (ParamConverter<T>) new ParamConverter<WeChatOAuthInfo>() {
                @Override
                public WeChatOAuthInfo fromString(String value) {
                    try {
                        return value == null ? null : runtime.oauth().fromSessionToken(value).orElse(null);
                    } catch (RuntimeException e) {
                        return null; // the filter has already answered a failing user store
                    }
                }

                @Override
                public String toString(WeChatOAuthInfo value) {
                    return runtime.oauth().sessionToken(value);
                }
            };
        }
    }
}
