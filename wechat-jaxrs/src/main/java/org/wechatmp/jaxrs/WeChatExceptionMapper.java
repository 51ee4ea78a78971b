package org.wechatmp.jaxrs;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatHttpException;
import org.wechatmp.core.crypto.Signatures;
import org.wechatmp.core.crypto.WeChatCryptoException;
import org.wechatmp.core.message.MessageParseException;
import org.wechatmp.core.web.WebException;

/**
 * Answers a {@link WeChatException} escaping a resource with a short plain-text line and an error id, never a stack
 * trace: a {@link WebException}'s own status and message, 400 for bad input, 502 when the WeChat API failed, 500 otherwise. The full error is logged with the id.
 */
public final class WeChatExceptionMapper implements ExceptionMapper<WeChatException> {
    @Override
    public Response toResponse(WeChatException e) {
        String id = Signatures.randomAlphanumeric(10);
        int status;
        String message;
        if (e instanceof WebException w) {
            status = w.status();
            message = w.getMessage();
        } else if (e instanceof WeChatCryptoException || e instanceof MessageParseException) {
            status = 400;
            message = e.getMessage();
        } else if (e instanceof WeChatApiException || e instanceof WeChatHttpException) {
            status = 502;
            message = "WeChat API error";
        } else {
            status = 500;
            message = "error";
        }
        LoggerFactory.getLogger("wechat.views").warn("[{}] {}", id, e.getMessage(), e);
        return Response.status(status).type("text/plain;charset=UTF-8").entity(message + " (" + id + ")").build();
    }
}
