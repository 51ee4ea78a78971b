package org.wechatmp.core.testing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** One browser: its own cookie jar (by name; expired cookies dropped; Secure cookies sent over http too). */
public final class Browser {
    public final Map<String, Cookie> jar = new LinkedHashMap<>();
    public final OkHttpClient http;

    public Browser() {
        http = new OkHttpClient.Builder().followRedirects(false).cookieJar(new CookieJar() {
            @Override
            public void saveFromResponse(HttpUrl url, List<Cookie> list) {
                synchronized (jar) {
                    for (Cookie c : list) {
                        if (c.expiresAt() < System.currentTimeMillis()) {
                            jar.remove(c.name());
                        } else {
                            jar.put(c.name(), c);
                        }
                    }
                }
            }

            @Override
            public List<Cookie> loadForRequest(HttpUrl url) {
                synchronized (jar) {
                    return List.copyOf(jar.values());
                }
            }
        }).build();
    }

    public Browser with(String name, String value) {
        jar.put(name, new Cookie.Builder().name(name).value(value).domain("127.0.0.1").path("/").build());
        return this;
    }

    public Response get(String url) throws IOException {
        return http.newCall(new Request.Builder().url(url).build()).execute();
    }

    public Response get(String url, String header, String value) throws IOException {
        return http.newCall(new Request.Builder().url(url).header(header, value).build()).execute();
    }

    public String cookie(String name) {
        synchronized (jar) {
            Cookie c = jar.get(name);
            return c == null ? null : c.value();
        }
    }

    public String cookieHeader() {
        synchronized (jar) {
            return jar.values().stream().map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
        }
    }
}
