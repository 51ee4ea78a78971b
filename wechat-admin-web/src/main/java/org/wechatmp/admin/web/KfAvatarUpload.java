package org.wechatmp.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one file of the avatar form ({@code multipart/form-data}, field {@code avatar}) without the servlet's
 * multipart support, which the admin's servlet does not enable: at most {@link #MAX_BYTES}, a JPEG or PNG by its
 * first bytes, whatever the browser claims.
 *
 * @param fileName the file name to send WeChat
 * @param content the bytes
 */
record KfAvatarUpload(String fileName, byte[] content) {
    /** The largest avatar accepted (WeChat asks for a 640×640 JPEG, far smaller). */
    static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]{1,70})\"?");

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
        Matcher m = BOUNDARY.matcher(type);
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !m.find()) {
            throw new IllegalArgumentException("reach.kf.err.avatar");
        }
        if (req.getContentLengthLong() > MAX_BYTES + 4096L) {
            throw new IllegalArgumentException("reach.kf.err.avatarsize");
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 4097);
        }
        if (body.length > MAX_BYTES + 4096) {
            throw new IllegalArgumentException("reach.kf.err.avatarsize");
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int headersStart = at + delimiter.length + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, ("\r\n--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            if (headers.contains("name=\"avatar\"")) {
                return image(Arrays.copyOfRange(body, headersEnd + 4, next));
            }
            at = next + 2;
        }
        throw new IllegalArgumentException("reach.kf.err.avatar");
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

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
