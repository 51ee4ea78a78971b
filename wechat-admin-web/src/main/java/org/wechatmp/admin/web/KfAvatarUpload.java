package org.wechatmp.admin.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The one file of the avatar form ({@code multipart/form-data}, field {@code avatar}, read through the servlet's
 * multipart support): at most {@link #MAX_BYTES}, a JPEG or PNG by its first bytes, whatever the browser claims.
 *
 * @param fileName the file name to send WeChat
 * @param content the bytes
 */
record KfAvatarUpload(String fileName, byte[] content) {
    /** The largest avatar accepted (WeChat asks for a 640×640 JPEG, far smaller). */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    /**
     * Reads the avatar from a request.
     *
     * @param req the request
     * @return the file
     * @throws IllegalArgumentException with a message key when there is no usable image
     * @throws IOException when reading fails
     */
    static KfAvatarUpload read(HttpServletRequest req) throws IOException {
        String type = req.getContentType() == null ? "" : req.getContentType();
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("reach.kf.err.avatar");
        }
        Part part;
        try {
            part = req.getPart("avatar");
        } catch (ServletException | IllegalStateException e) {
            throw new IllegalArgumentException("reach.kf.err.avatarsize"); // over the container's limit
        }
        if (part == null) {
            throw new IllegalArgumentException("reach.kf.err.avatar");
        }
        if (part.getSize() > MAX_BYTES) {
            throw new IllegalArgumentException("reach.kf.err.avatarsize");
        }
        try (InputStream in = part.getInputStream()) {
            return image(in.readNBytes(MAX_BYTES));
        }
    }

    private static KfAvatarUpload image(byte[] bytes) {
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N'
                && bytes[3] == 'G';
        if (!jpeg && !png) {
            throw new IllegalArgumentException("reach.kf.err.avatar");
        }
        return new KfAvatarUpload(jpeg ? "avatar.jpg" : "avatar.png", bytes);
    }
}
