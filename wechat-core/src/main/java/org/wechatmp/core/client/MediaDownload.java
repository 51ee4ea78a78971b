package org.wechatmp.core.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A streamed media body (an image, a voice clip, a temporary media file). Close it when done; the HTTP connection is
 * held until then.
 */
public final class MediaDownload implements AutoCloseable {
    private final String contentType;
    private final long contentLength;
    private final String fileName;
    private final InputStream body;

    MediaDownload(String contentType, long contentLength, String fileName, InputStream body) {
        this.contentType = contentType;
        this.contentLength = contentLength;
        this.fileName = fileName;
        this.body = body;
    }

    /**
     * The content type WeChat sent, e.g. {@code image/jpeg}.
     *
     * @return the content type, or {@code application/octet-stream} when none was sent
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The length in bytes.
     *
     * @return the length, or -1 when unknown
     */
    public long contentLength() {
        return contentLength;
    }

    /**
     * The file name from {@code Content-Disposition}.
     *
     * @return the name, or an empty string
     */
    public String fileName() {
        return fileName;
    }

    /**
     * The body; read it once.
     *
     * @return the stream
     */
    public InputStream body() {
        return body;
    }

    /**
     * Reads the whole body into memory and closes it.
     *
     * @return the bytes
     */
    public byte[] readAllBytes() {
        try (InputStream in = body) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
