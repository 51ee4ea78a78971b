package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.core.web.WebSettings;
import org.wechatmp.jaxrs.WeChatAuth;
import org.wechatmp.jaxrs.WeChatFeature;

/** The code of docs/wechat-jaxrs.md (Jersey here; any JAX-RS 3.1 runtime takes the same singletons). */
class JaxrsDocTest {
    // tag::resource[]
    @Path("me")
    public static final class Me {
        @GET
        @Produces("text/plain;charset=UTF-8")
        @WeChatAuth(account = "demo", scope = "snsapi_userinfo")   // like wechat_django's @wechat_auth
        public String me(@HeaderParam(WeChatFeature.OAUTH_HEADER) WeChatOAuthInfo user) {
            return "你好, " + user.openid();
        }
    }
    // end::resource[]

    static ResourceConfig application(WeChatRuntime runtime, Map<String, String> env) {
        // tag::jaxrs[]
        WebSettings web = WebSettings.fromEnv(env);                 // site URL, allowed hosts, trusted proxies
        ResourceConfig config = new ResourceConfig()
                .registerInstances(WeChatFeature.singletons(runtime, web).toArray())   // wechat/{account}, ...
                .register(Me.class);
        // end::jaxrs[]
        return config;
    }

    @Test
    void theApplicationHoldsTheFeatureAndTheResources() {
        Account account = Account.of("demo", "wx0000000000demo0", "s", "t");
        try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).build()) {
            ResourceConfig config = application(runtime, Map.of());
            assertThat(config.getInstances()).hasAtLeastOneElementOfType(WeChatFeature.class);
            assertThat(config.getClasses()).contains(Me.class);
        }
    }
}
