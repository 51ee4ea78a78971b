package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/** A multipart upload of one file through the executor (token, errcode mapping, retries, masked logs). */
final class Multipart {
    private Multipart() {
    }

    static JsonNode upload(ApiExecutor x, String path, Map<String, String> query, String fieldName, String fileName,
            byte[] content, String contentType) {
        Objects.requireNonNull(content, "content");
        MediaType type = MediaType.parse(contentType == null ? "application/octet-stream" : contentType);
        if (type == null) {
            throw new IllegalArgumentException("invalid content type: " + contentType);
        }
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart(fieldName, fileName, RequestBody.create(content, type)).build();
        Map<String, String> q = query == null ? Map.of() : new LinkedHashMap<>(query);
        return x.json(new ApiExecutor.Call("POST", path, q, body,
                "<multipart " + fieldName + "=" + fileName + ", " + content.length + " bytes>"));
    }
}
