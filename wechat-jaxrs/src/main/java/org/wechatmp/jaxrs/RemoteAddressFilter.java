package org.wechatmp.jaxrs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

/**
 * Puts the TCP peer's address into the request property {@link #PROPERTY} when JAX-RS runs on a servlet container
 * (JAX-RS itself has no remote address). Registered only when the servlet API is present.
 */
@PreMatching
final class RemoteAddressFilter implements ContainerRequestFilter {
    static final String PROPERTY = "wechat.remote_addr";

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext req) {
        try {
            if (servletRequest != null) {
                req.setProperty(PROPERTY, servletRequest.getRemoteAddr());
            }
        } catch (RuntimeException e) {
            // no servlet request behind this JAX-RS request: the address stays unknown
        }
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
