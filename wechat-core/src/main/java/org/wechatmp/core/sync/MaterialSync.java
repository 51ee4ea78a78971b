package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.MaterialPage;
import org.wechatmp.core.client.MaterialType;
import org.wechatmp.core.client.MaterialsApi;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.MaterialRepository;

/**
 * Pulls permanent materials of every type (image, voice, video, news with its articles) page by page, and removes
 * the local rows of materials deleted in WeChat.
 *
 * <p>Every answer is checked against what WeChat promised: {@code get_materialcount} must give the four counts, each
 * listing page must repeat that type's count as {@code total_count}, send {@code item_count} items, as many as the
 * request could get ({@code min(20, total - offset)}), each with a media id, and every news material must carry its
 * articles. A short or malformed answer stops the run with a {@link SyncException} (recorded
 * {@link SyncPhase#FAILED}). Removal happens only after every type was listed completely, so a failure or a
 * cancellation mid-way never deletes anything.
 */
public final class MaterialSync {
    /** The kind name in the sync state. */
    public static final String KIND = "materials";
    private static final List<MaterialType> TYPES = List.of(MaterialType.IMAGE, MaterialType.VOICE,
            MaterialType.VIDEO, MaterialType.NEWS);

    private final MaterialRepository materials;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the sync.
     *
     * @param materials where materials go
     * @param states where progress and results are kept
     * @param clock the clock for timestamps and progress rates
     */
    public MaterialSync(MaterialRepository materials, SyncStateStore states, Clock clock) {
        this.materials = materials;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Syncs every type.
     *
     * @param account the account
     * @param client its client
     * @param listener progress and cancellation
     * @return what was done
     * @throws SyncException when WeChat fails, answers short or malformed, or the run is cancelled (what was stored
     *     stays; nothing is removed)
     */
    public SyncResult run(Account account, WeChatClient client, SyncListener listener) {
        String name = account.name();
        SyncRecorder rec = SyncRecorder.start(states, clock, name, KIND, null, listener);
        long fetched = 0;
        try {
            JsonNode count = client.get("/cgi-bin/material/get_materialcount", null);
            rec.call();
            Map<MaterialType, Long> expected = new LinkedHashMap<>();
            long total = 0;
            for (MaterialType type : TYPES) {
                long n = Answers.number(count, type.wireName() + "_count", "material/get_materialcount");
                expected.put(type, n);
                total += n;
            }
            rec.total(total);
            Map<MaterialType, Set<String>> seen = new LinkedHashMap<>();
            for (MaterialType type : TYPES) {
                long want = expected.get(type);
                Set<String> ids = new HashSet<>();
                int offset = 0;
                do {
                    rec.checkStop();
                    MaterialPage page = client.materials().list(type, offset, MaterialsApi.PAGE_LIMIT);
                    rec.call();
                    check(type, page, offset, want, ids);
                    for (MaterialItem item : page.items()) {
                        materials.save(name, type.wireName(), item);
                    }
                    offset += page.items().size();
                    fetched += page.items().size();
                    rec.page(type.wireName(), fetched, type.wireName() + ":" + offset);
                } while (offset < want);
                seen.put(type, ids);
            }
            // every type was listed completely: only now is anything removed
            long removed = 0;
            for (Map.Entry<MaterialType, Set<String>> e : seen.entrySet()) {
                for (String gone : new ArrayList<>(materials.mediaIds(name, e.getKey().wireName()))) {
                    if (!e.getValue().contains(gone)) {
                        materials.delete(name, gone);
                        removed++;
                    }
                }
            }
            return rec.done(fetched, fetched, removed, fetched + " synced, " + removed + " removed");
        } catch (RuntimeException e) {
            throw rec.failed(e);
        }
    }

    private static void check(MaterialType type, MaterialPage page, int offset, long want, Set<String> ids) {
        String where = "material/batchget_material(" + type.wireName() + ", offset " + offset + ")";
        if (page.totalCount() != want) {
            throw SyncRecorder.incomplete(where + " answered total_count " + page.totalCount()
                    + " but get_materialcount said " + want);
        }
        long expected = Math.min(MaterialsApi.PAGE_LIMIT, want - offset);
        if (page.itemCount() != page.items().size() || page.items().size() != expected) {
            throw SyncRecorder.incomplete(where + " sent " + page.items().size() + " items (item_count "
                    + page.itemCount() + ") where " + expected + " were due");
        }
        for (MaterialItem item : page.items()) {
            if (item.mediaId() == null || item.mediaId().isEmpty()) {
                throw SyncRecorder.incomplete(where + " sent an item without media_id");
            }
            if (type == MaterialType.NEWS && item.articles().isEmpty()) {
                throw SyncRecorder.incomplete(where + " sent news " + item.mediaId() + " without its articles");
            }
            if (!ids.add(item.mediaId())) {
                throw SyncRecorder.incomplete(where + " repeated media_id " + item.mediaId());
            }
        }
    }
}
