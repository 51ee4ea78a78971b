package org.wechatmp.jaxrs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Web authorization for a resource method or class: without a signed-in user the request is redirected to WeChat,
 * and on return the user is signed in. The method can then take
 * {@code @HeaderParam(WeChatFeature.OAUTH_HEADER) WeChatOAuthInfo info}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WeChatAuth {
    /**
     * The account name; empty means the runtime's only account.
     *
     * @return the account
     */
    String account() default "";

    /**
     * {@code snsapi_base} or {@code snsapi_userinfo}.
     *
     * @return the scope
     */
    String scope() default "snsapi_base";

    /**
     * Whether a user is needed; when not, the request goes on without one.
     *
     * @return whether required
     */
    boolean required() default true;
}
