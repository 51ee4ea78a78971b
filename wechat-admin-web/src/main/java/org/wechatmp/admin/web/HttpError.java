package org.wechatmp.admin.web;

/** Ends a request with a status and a message key (shown on the error page). */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String messageKey) {
        super(messageKey, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static HttpError notFound() {
        return new HttpError(404, "error.notfound");
    }

    static HttpError forbidden() {
        return new HttpError(403, "error.forbidden");
    }
}
