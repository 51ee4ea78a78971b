package org.wechatmp.examples.springboot;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wechatmp.core.oauth.WeChatOAuthInfo;

/**
 * The pages: an index telling what to do next, and {@code /me}, which the OAuth filter protects (the signed-in user
 * is the request attribute {@link WeChatOAuthInfo#ATTRIBUTE}).
 */
@RestController
public class Pages {
    private final WeChatProperties props;

    /**
     * Creates the pages.
     *
     * @param props the settings
     */
    public Pages(WeChatProperties props) {
        this.props = props;
    }

    /**
     * The index.
     *
     * @return the HTML
     */
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    public String index() {
        StringBuilder accounts = new StringBuilder();
        props.accounts().forEach((name, a) -> accounts.append("<li>callback of <b>").append(escape(name))
                .append("</b>: <code>/wechat/").append(escape(name)).append("</code> (").append(escape(a.encryptMode()))
                .append(" mode)</li>"));
        return page("wechatmp on Spring Boot", "<h1>wechatmp on Spring Boot</h1><ul>" + accounts
                + "<li><a href=\"/me\">/me</a>: WeChat sign-in (the local double plays the authorize page)</li>"
                + "<li><a href=\"/actuator/metrics/wechat.callback.answered\">/actuator/metrics</a> and "
                + "<a href=\"/actuator/prometheus\">/actuator/prometheus</a>: the core's meters</li></ul>"
                + "<h2>Next</h2><ol><li>Send a message as WeChat would, from a second terminal: <pre>mvn -B -f "
                + "examples/wechat-double exec:java \\\n  -Dexec.mainClass=org.wechatmp.examples.wechatdouble.SendMessage"
                + " -Dexec.args=\"hello\"</pre> and try <code>whoami</code> (an API call) or "
                + "<code>-Dexec.args=\"--event subscribe\"</code>.</li>"
                + "<li>Add your own auto-reply: a <code>Handler</code> bean, and a <code>CustomReply</code> bean for "
                + "Java code (see <code>DemoHandlers</code>).</li>"
                + "<li>Connect a real account: README, \"Connecting a real account\".</li></ol>");
    }

    /**
     * The signed-in user.
     *
     * @param request the request
     * @return the HTML
     */
    @GetMapping(path = "/me", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    public String me(HttpServletRequest request) {
        WeChatOAuthInfo info = (WeChatOAuthInfo) request.getAttribute(WeChatOAuthInfo.ATTRIBUTE);
        String nick = info.user() == null || info.user().nickname() == null ? info.openid() : info.user().nickname();
        return page("me", "<h1>你好, " + escape(nick) + "</h1><p>openid " + escape(info.openid()) + ", scope "
                + escape(info.scope().value()) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body>"
                + body + "</body></html>";
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
