package org.wechatmp.core.oauth;

/**
 * The start of a web sign-in: where to send the browser, and the browser binding the adapter must keep in the
 * browser (an HttpOnly cookie named {@link WebOAuth#BINDING_COOKIE}) until WeChat sends the browser back.
 *
 * @param authorizeUrl the WeChat authorize URL
 * @param binding the binding value to set as the cookie
 */
public record SignInStart(String authorizeUrl, String binding) {
    @Override
    public String toString() {
        return "SignInStart[" + authorizeUrl + "]";
    }
}
