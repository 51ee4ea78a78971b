package org.wechatmp.examples.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.sync.FollowerSync;
import org.wechatmp.core.sync.SyncResult;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * Syncs 100,000 followers from a WireMock double (10 pages of 10,000 openids; the profiles of each batch-info
 * request written by a small transformer, so the double costs little beside the sync) into a fresh database, and reports the API calls, the wall time, the database time and the peak heap.
 * Every run starts on a new, empty database, as the first sync of a new installation does: for PostgreSQL and
 * MySQL/MariaDB the URL names a database to connect to first, in which {@code CREATE DATABASE <prefix><random>} is
 * run; the sync runs there and the database is dropped afterwards ({@code -Dbench.dbPrefix}, default
 * {@code wechat_bench_}). An in-memory H2 URL gets a new random name.
 *
 * <pre>
 * mvn -B -q -f examples/benchmarks exec:java -Dexec.mainClass=org.wechatmp.examples.benchmarks.FollowerSyncBenchmark \
 *     -Dexec.args="jdbc:h2:mem:bench"
 * ... -Dexec.args="jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&amp;reWriteBatchedInserts=true"
 * ... -Dexec.args="jdbc:mariadb://127.0.0.1:3306/mysql?user=root"
 * </pre>
 */
public final class FollowerSyncBenchmark {
    static final int FOLLOWERS = 100_000;
    static final int PAGE = 10_000;
    private static final Pattern SERVER_URL = Pattern.compile("^(jdbc:(?:postgresql|mariadb|mysql)://[^/?]+/)"
            + "([^?;]*)(.*)$");

    private FollowerSyncBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the JDBC URL (default in-memory H2)
     * @throws SQLException when the scratch database cannot be created or dropped
     */
    public static void main(String[] args) throws SQLException {
        String url = args.length > 0 ? args[0] : "jdbc:h2:mem:bench";
        String suffix = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        Matcher server = SERVER_URL.matcher(url);
        if (server.matches()) {
            String name = System.getProperty("bench.dbPrefix", "wechat_bench_") + suffix;
            try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            System.out.println("fresh database " + name);
            try {
                run(server.group(1) + name + server.group(3));
            } finally {
                try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
                    st.execute("DROP DATABASE " + name);
                }
            }
        } else if (url.startsWith("jdbc:h2:mem:")) {
            run("jdbc:h2:mem:bench-" + suffix + ";DB_CLOSE_DELAY=-1");
        } else {
            System.out.println("not a server URL: running on " + url + " as it is (not a fresh database)");
            run(url);
        }
    }

    private static void run(String url) {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(8).extensions(new Profiles()));
        wm.start();
        try (JdbiStorage storage = JdbiStorage.builder(url).build()) {
            storage.jdbi().useHandle(h -> h.execute("DELETE FROM wx_user WHERE account = 'bench'"));
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            for (int from = 0; from < FOLLOWERS; from += PAGE) {
                int to = from + PAGE;
                String ids = IntStream.range(from, to).mapToObj(i -> "\"o" + i + "\"").collect(Collectors.joining(","));
                wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid",
                        from == 0 ? absent() : equalTo("o" + (from - 1))).willReturn(okJson("{\"total\":" + FOLLOWERS
                        + ",\"count\":" + PAGE + ",\"data\":{\"openid\":[" + ids + "]},\"next_openid\":\"o" + (to - 1)
                        + "\"}")));
            }
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withTransformers(Profiles.NAME)));
            WeChatClient client = WeChatClient.builder("wx_bench", "s").baseUrl(wm.baseUrl())
                    .tokenStore(storage.tokens()).build();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            long[] dbNanos = {0};
            UserRepository users = storage.users();
            // every call goes to the database repository; writes are timed
            UserRepository timed = (UserRepository) Proxy.newProxyInstance(UserRepository.class.getClassLoader(),
                    new Class<?>[] {UserRepository.class}, (proxy, method, margs) -> {
                        long t = System.nanoTime();
                        try {
                            return method.invoke(users, margs);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            if (method.getName().equals("saveAll") || method.getName().equals("markUnsubscribedExcept")) {
                                dbNanos[0] += System.nanoTime() - t;
                            }
                        }
                    });
            SyncResult r = new FollowerSync(timed, storage.syncStates(), Clock.systemUTC()).full(
                    Account.of("bench", "wx_bench", "s", "t"), client, p -> { });
            long millis = (System.nanoTime() - start) / 1_000_000;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            int pages = wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")).build())
                    .getCount();
            int batches = wm.countRequestsMatching(postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget"))
                    .build()).getCount();
            System.out.printf("database=%s followers=%d stored=%d pages=%d batchget=%d wall=%d ms (database %d ms) "
                    + "peakHeap=%d MB%n", storage.vendor(), r.fetched(), storage.users().count("bench"), pages, batches,
                    millis, dbNanos[0] / 1_000_000, peak / (1024 * 1024));
        } finally {
            wm.stop();
        }
    }

    /** Answers {@code user/info/batchget} with a profile for each requested openid. */
    static final class Profiles implements ResponseDefinitionTransformerV2 {
        static final String NAME = "follower-profiles";
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            StringBuilder out = new StringBuilder(16_384).append("{\"user_info_list\":[");
            try {
                JsonNode list = JSON.readTree(event.getRequest().getBodyAsString()).path("user_list");
                for (int i = 0; i < list.size(); i++) {
                    String openid = list.get(i).path("openid").asText();
                    out.append(i == 0 ? "" : ",").append("{\"subscribe\":1,\"openid\":\"").append(openid)
                            .append("\",\"nickname\":\"n-").append(openid).append("\",\"language\":\"zh_CN\","
                                    + "\"city\":\"广州\",\"subscribe_time\":1600000000,\"tagid_list\":[2]}");
                }
            } catch (java.io.IOException e) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(400).build();
            }
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withBody(out.append("]}").toString()).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
