package org.wechatmp.jaxrs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.wechatmp.core.crypto.Signatures;

/**
 * Puts the TCP peer's address into the request property {@link #PROPERTY} when JAX-RS runs on a servlet container
 * (JAX-RS itself has no remote address). Registered only when the servlet API is present. Resources cannot read
 * request properties portably, so the address also goes into the header {@link #PEER_HEADER}, prefixed with a secret
 * of this process: a client's own header of that name is removed first, and one without the secret (sent where this
 * filter is not registered) is ignored by {@link #peer(HttpHeaders)}.
 */
@PreMatching
final class RemoteAddressFilter implements ContainerRequestFilter {
    static final String PROPERTY = "wechat.remote_addr";
    static final String PEER_HEADER = "X-WeChat-Peer";
    private static final String SECRET = Signatures.randomAlphanumeric(32) + "|";

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext req) {
        req.getHeaders().remove(PEER_HEADER);
        try {
            if (servletRequest != null) {
                String remote = servletRequest.getRemoteAddr();
                req.setProperty(PROPERTY, remote);
                req.getHeaders().putSingle(PEER_HEADER, SECRET + remote);
            }
        } catch (RuntimeException e) {
            // no servlet request behind this JAX-RS request: the address stays unknown
        }
    }

    /**
     * The TCP peer this filter recorded for the request, or {@code ""} when it did not run (or the header is forged).
     */
    static String peer(HttpHeaders headers) {
        String v = headers.getHeaderString(PEER_HEADER);
        if (v == null || v.length() < SECRET.length() || !MessageDigest.isEqual(
                v.substring(0, SECRET.length()).getBytes(StandardCharsets.UTF_8),
                SECRET.getBytes(StandardCharsets.UTF_8))) {
            return "";
        }
        return v.substring(SECRET.length());
    }

    static boolean available() {
        try {
            Class.forName("jakarta.servlet.http.HttpServletRequest", false, RemoteAddressFilter.class
                    .getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
