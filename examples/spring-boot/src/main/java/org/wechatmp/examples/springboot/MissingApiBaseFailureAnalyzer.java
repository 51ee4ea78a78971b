package org.wechatmp.examples.springboot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.wechatmp.examples.wechatdouble.ApiTarget;

/**
 * Turns a refused start (real credentials, no API base) into Spring Boot's short "APPLICATION FAILED TO START"
 * report instead of a stack trace.
 */
public final class MissingApiBaseFailureAnalyzer
        extends AbstractFailureAnalyzer<WeChatEndpoints.MissingApiBaseException> {
    /** Creates the analyzer (Spring Boot finds it in {@code META-INF/spring.factories}). */
    public MissingApiBaseFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable root, WeChatEndpoints.MissingApiBaseException cause) {
        return new FailureAnalysis(cause.getMessage(), "To call WeChat, start with WECHAT_API_BASE="
                + ApiTarget.WECHAT + " (or wechat.api-base in application.yml). To try the demo on the local "
                + "double, unset WECHAT_APPID and WECHAT_SECRET.", cause);
    }
}
