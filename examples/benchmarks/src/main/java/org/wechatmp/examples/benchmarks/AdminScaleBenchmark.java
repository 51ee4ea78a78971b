package org.wechatmp.examples.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.Account;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The admin's follower pages at a million followers, over HTTP against the built war: seeds (once) 1,000,000
 * followers, 710,000 tag memberships and 10,000,000 message-log lines into PostgreSQL with {@code generate_series},
 * starts {@code wechat-admin-web.war} on Jetty in this JVM on that database, signs in, and times each page
 * ({@value #WARMUP} warm-up requests, then {@value #RUNS}; p50 / p95 / max of the response time on loopback): the
 * first page, a nickname search (3+ characters: the trigram index; and 2 characters: a scan), a tag filter, page
 * 5,000, and a CSV export of about 100,000 rows, then one of all 1,000,000 (140 MB of CSV) through the same JVM's
 * 256 MB heap (the exec execution's {@code -Xmx256m}): it can only pass by streaming.
 *
 * <pre>
 * mvn -B -o -q -pl wechat-admin-web -am install -DskipTests &amp;&amp; mvn -B -o -q -pl examples/benchmarks exec:exec@admin
 * </pre>
 *
 * Settings (system properties): {@code adminbench.url} (default: the database {@code wechat_adminbench} on
 * {@code 127.0.0.1:5432} as {@code postgres}, created when missing and kept, seeded once);
 * {@code adminbench.war}; {@code adminbench.out} (a copy of the report); {@code adminbench.reseed=true} to seed again.
 */
public final class AdminScaleBenchmark {
    static final String ACCOUNT = "scale";
    static final int FOLLOWERS = 1_000_000;
    static final int LINES = 10_000_000;
    static final int WARMUP = 5;
    static final int RUNS = 40;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private AdminScaleBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args unused
     * @throws Exception when the database, the war or a page fails
     */
    public static void main(String[] args) throws Exception {
        String url = System.getProperty("adminbench.url");
        if (url == null) {
            url = ScratchDatabase.ensure("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "wechat_adminbench");
        }
        Path war = Path.of(System.getProperty("adminbench.war", "../../wechat-admin-web/target/wechat-admin-web.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("build the admin war first: " + war.toAbsolutePath());
        }
        List<String> report = new ArrayList<>();
        try (JdbiStorage storage = JdbiStorage.builder(url).build()) {
            seed(storage.jdbi(), Boolean.getBoolean("adminbench.reseed"), report);
            storage.accounts().save(new Account(ACCOUNT, "Scale", Account.Type.SERVICE, "wxscale", "secret", "token",
                    "", EncryptMode.PLAIN, false, false, Map.of("api_base", "http://127.0.0.1:9")));
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebAppContext app = new WebAppContext();
        app.setContextPath("/");
        app.setWar(war.toString());
        app.setTempDirectory(Files.createTempDirectory("adminbench").toFile());
        app.setThrowUnavailableOnStartupException(true);
        app.setInitParameter("wechat.db.url", url);
        app.setInitParameter("wechat.admin.user", "bench");
        app.setInitParameter("wechat.admin.password", "bench-password-1");
        app.setInitParameter("wechat.time.zone", "UTC");
        server.setHandler(app);
        server.start();
        try {
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            signIn(http, base);
            String a = base + "/a/" + ACCOUNT + "/followers";
            report.add(String.format("%-44s %9s %9s %9s  %s", "request (" + RUNS + " runs after " + WARMUP
                    + " warm-up)", "p50 ms", "p95 ms", "max ms", "p95 / 150 ms goal"));
            time(http, report, "first page (50 rows, newest first)", a);
            time(http, report, "nickname search, 3+ characters (张伟Amy)", a + "?q=" + enc("张伟Amy"));
            time(http, report, "nickname search, 2 characters (张伟)", a + "?q=" + enc("张伟"));
            time(http, report, "nickname search, 1 character (伟)", a + "?q=" + enc("伟"));
            time(http, report, "tag filter (tag 2, 10,000 members)", a + "?tag=2");
            time(http, report, "tag filter (tag 1, 200,000 members)", a + "?tag=1");
            time(http, report, "page 5,000 (offset 249,950)", a + "?page=5000");
            time(http, report, "follower page (profile + 20 messages)", a + "/oScale" + pad(123_457));
            export(http, report, "CSV export 2018-01-01..2018-10-27", a + "/export.csv?from=2018-01-01&to=2018-10-27");
            export(http, report, "CSV export of all followers", a + "/export.csv");
        } finally {
            server.stop();
        }
        report.add("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()) + ", heap max " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        String text = String.join("\n", report) + "\n";
        System.out.print(text);
        String out = System.getProperty("adminbench.out");
        if (out != null && !out.isBlank()) {
            Files.writeString(Path.of(out), text);
        }
    }

    static String pad(int i) {
        return String.format("%022d", i);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Seeds the account once (skipped when its followers are there), with generate_series in SQL. */
    static void seed(Jdbi jdbi, boolean reseed, List<String> report) {
        long have = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_user WHERE account = :a")
                .bind("a", ACCOUNT).mapTo(Long.class).one());
        // the last log line of a complete seed (found through the time index)
        boolean logged = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_message_log WHERE account = :a "
                + "AND created_at = :t").bind("a", ACCOUNT).bind("t", 1_700_000_000_000L + LINES * 3_000L)
                .mapTo(Long.class).one()) > 0;
        if (have == FOLLOWERS && logged && !reseed) {
            report.add("seed: " + FOLLOWERS + " followers already there (-Dadminbench.reseed=true to seed again)");
            return;
        }
        long t0 = System.nanoTime();
        jdbi.useHandle(h -> {
            for (String t : List.of("wx_user", "wx_user_tag", "wx_tag", "wx_message_log")) {
                h.execute("DELETE FROM " + t + " WHERE account = ?", ACCOUNT);
            }
            // nickname: surname + given name + token + number, e.g. 张伟Amy4200; 90% subscribed; subscribe time over
            // 8 years, missing for every 50th; 5 scenes; a remark on 10%, a note on 1%
            h.execute("INSERT INTO wx_user (account, openid, unionid, nickname, avatar, sex, language, city, province, "
                    + "country, subscribed, subscribe_time, subscribe_scene, qr_scene, qr_scene_str, remark, note, "
                    + "tag_ids, first_seen, synced_at) SELECT '" + ACCOUNT + "', 'oScale' || lpad(i::text, 22, '0'), "
                    + "CASE WHEN i % 2 = 0 THEN 'uScale' || i END, "
                    + "(ARRAY['张','王','李','赵','刘','陈','杨','黄','周','吴'])[i % 10 + 1] || "
                    + "(ARRAY['伟','芳','娜','敏','静','强','磊','洋','艳','勇'])[(i / 10) % 10 + 1] || "
                    + "(ARRAY['Amy','小明','Lucy','Tom','阿强','Lily','小红','Jack','美美','Leo'])[(i / 100) % 10 + 1] || i, "
                    + "'https://thirdwx.qlogo.cn/mmopen/vi_32/' || md5(i::text) || '/132', i % 3, 'zh_CN', 'Shenzhen', "
                    + "'Guangdong', 'China', i % 10 <> 0, CASE WHEN i % 50 = 0 THEN NULL ELSE 1480000000000 + "
                    + "i::bigint * 252288 END, (ARRAY['ADD_SCENE_SEARCH','ADD_SCENE_QR_CODE','ADD_SCENE_PROFILE_CARD',"
                    + "'ADD_SCENE_OTHERS','ADD_SCENE_PAID'])[i % 5 + 1], 0, CASE WHEN i % 7 = 0 THEN 'poster' || (i % 3) "
                    + "END, CASE WHEN i % 10 = 3 THEN '客户' || i END, CASE WHEN i % 100 = 7 THEN '回访' END, '', "
                    + "1600000000000, 1600000000000 FROM generate_series(1, " + FOLLOWERS + ") i");
            h.execute("INSERT INTO wx_tag (account, tag_id, name, user_count) VALUES ('" + ACCOUNT + "', 1, '老客户', "
                    + "200000), ('" + ACCOUNT + "', 2, '星标组', 10000), ('" + ACCOUNT + "', 3, '活动', 500000)");
            // tag 1 on 20%, tag 2 on 1%, tag 3 on 50%: 710,000 memberships
            h.execute("INSERT INTO wx_user_tag (account, openid, tag_id) SELECT '" + ACCOUNT + "', 'oScale' || "
                    + "lpad(i::text, 22, '0'), t FROM generate_series(1, " + FOLLOWERS + ") i, (VALUES (1), (2), (3)) v(t) "
                    + "WHERE (t = 1 AND i % 5 = 0) OR (t = 2 AND i % 100 = 1) OR (t = 3 AND i % 2 = 1)");
        });
        long t1 = System.nanoTime();
        // the log's secondary indexes are dropped for the load and rebuilt after (as V1 and V3 define them)
        jdbi.useHandle(h -> {
            h.execute("DROP INDEX IF EXISTS wx_message_log_time");
            h.execute("DROP INDEX IF EXISTS wx_message_log_openid");
            for (int chunk = 0; chunk < LINES / 1_000_000; chunk++) {
                long from = chunk * 1_000_000L + 1;
                // 10 lines per follower, one every 3 s over 347 days, IN/OUT alternating, 20% CLICK events
                h.execute("INSERT INTO wx_message_log (account, direction, msg_id, openid, msg_type, event, handler, "
                        + "xml, created_at) SELECT '" + ACCOUNT + "', CASE WHEN g % 2 = 0 THEN 'IN' ELSE 'OUT' END, g, "
                        + "'oScale' || lpad((g % " + FOLLOWERS + " + 1)::text, 22, '0'), CASE WHEN g % 5 = 0 THEN 'event' "
                        + "ELSE 'text' END, CASE WHEN g % 5 = 0 THEN 'CLICK' ELSE '' END, 'h' || (g % 2), "
                        + "'<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好，第 ' || g || ' 条消息]]></Content></xml>', "
                        + "1700000000000 + g * 3000 FROM generate_series(" + from + "::bigint, " + (from + 999_999)
                        + "::bigint) g");
                System.out.println("seed: " + (chunk + 1) + " of 10 million log lines");
            }
            h.execute("CREATE INDEX wx_message_log_time ON wx_message_log (account, created_at)");
            h.execute("CREATE INDEX wx_message_log_openid ON wx_message_log (account, openid, created_at, id)");
            h.execute("VACUUM ANALYZE wx_user");
            h.execute("VACUUM ANALYZE wx_user_tag");
            h.execute("VACUUM ANALYZE wx_message_log");
        });
        long t2 = System.nanoTime();
        report.add(String.format("seed: %d followers + 710,000 memberships %.0f s; %d log lines with their indexes "
                + "and ANALYZE %.0f s", FOLLOWERS, (t1 - t0) / 1e9, LINES, (t2 - t1) / 1e9));
    }

    static void signIn(HttpClient http, String base) throws IOException, InterruptedException {
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(m.group(1))
                        + "&username=bench&password=bench-password-1")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode());
        }
    }

    static void time(HttpClient http, List<String> report, String name, String url) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            double d = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            if (i >= WARMUP) {
                ms.add(d);
            }
        }
        Collections.sort(ms);
        double p95 = ms.get((int) Math.ceil(ms.size() * 0.95) - 1);
        report.add(String.format("%-44s %9.1f %9.1f %9.1f  %.2f", name, ms.get(ms.size() / 2), p95,
                ms.get(ms.size() - 1), p95 / 150.0));
        System.out.println(report.get(report.size() - 1));
    }

    /** Streams an export, counting rows and sampling the heap (the war runs in this JVM) every 20 ms. */
    static void export(HttpClient http, List<String> report, String name, String url) throws Exception {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t = System.nanoTime();
        long rows = -1;
        long bytes = 0;
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = r.body()) {
            int n;
            while ((n = in.read(buf)) != -1) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        rows++;
                    }
                }
            }
        }
        double s = (System.nanoTime() - t) / 1e9;
        running.set(false);
        sampler.join();
        report.add(String.format("%-44s %,d rows, %,d bytes in %.1f s (%,.0f rows/s); heap high-water %d MB above "
                + "the %d MB before", name, rows, bytes, s, rows / s, (peak.get() - before) >> 20, before >> 20));
        System.out.println(report.get(report.size() - 1));
    }
}
