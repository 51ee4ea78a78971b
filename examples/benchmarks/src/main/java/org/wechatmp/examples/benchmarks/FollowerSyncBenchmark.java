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

import com.github.tomakehurst.wiremock.WireMockServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.sync.FollowerSync;
import org.wechatmp.core.sync.SyncResult;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * Syncs 100,000 followers from a WireMock double (10 pages of 10,000 openids; profiles echoed by a response
 * template) into a database, and reports the API calls, the wall time and the peak heap.
 *
 * <pre>
 * mvn -B -q -f examples/benchmarks exec:java -Dexec.mainClass=org.wechatmp.examples.benchmarks.FollowerSyncBenchmark \
 *     -Dexec.args="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"
 * </pre>
 */
public final class FollowerSyncBenchmark {
    static final int FOLLOWERS = 100_000;
    static final int PAGE = 10_000;

    private FollowerSyncBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the JDBC URL (default in-memory H2)
     */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(8));
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
                    .withHeader("Content-Type", "application/json").withTransformers("response-template").withBody(
                            "{\"user_info_list\":[{{#each (jsonPath request.body '$.user_list') as |u|}}"
                            + "{\"subscribe\":1,\"openid\":\"{{u.openid}}\",\"nickname\":\"n-{{u.openid}}\","
                            + "\"language\":\"zh_CN\",\"city\":\"广州\",\"subscribe_time\":1600000000,"
                            + "\"tagid_list\":[2]}{{#unless @last}},{{/unless}}{{/each}}]}")));
            WeChatClient client = WeChatClient.builder("wx_bench", "s").baseUrl(wm.baseUrl())
                    .tokenStore(storage.tokens()).build();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            long[] dbNanos = {0};
            org.wechatmp.core.spi.UserRepository timed = new org.wechatmp.core.spi.UserRepository() {
                @Override
                public java.util.Optional<org.wechatmp.core.spi.WeChatUser> find(String a, String o) {
                    return storage.users().find(a, o);
                }

                @Override
                public long count(String a) {
                    return storage.users().count(a);
                }

                @Override
                public org.wechatmp.core.spi.Page<org.wechatmp.core.spi.WeChatUser> query(String a,
                        org.wechatmp.core.spi.FollowerQuery q) {
                    return storage.users().query(a, q);
                }

                @Override
                public void saveAll(String a, java.util.Collection<org.wechatmp.core.spi.WeChatUser> users) {
                    long t = System.nanoTime();
                    storage.users().saveAll(a, users);
                    dbNanos[0] += System.nanoTime() - t;
                }

                @Override
                public boolean recordSubscription(String a, String o, boolean s, java.time.Instant at) {
                    return storage.users().recordSubscription(a, o, s, at);
                }

                @Override
                public int markUnsubscribedExcept(String a, java.util.Set<String> present) {
                    long t = System.nanoTime();
                    int n = storage.users().markUnsubscribedExcept(a, present);
                    dbNanos[0] += System.nanoTime() - t;
                    return n;
                }
            };
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
}
