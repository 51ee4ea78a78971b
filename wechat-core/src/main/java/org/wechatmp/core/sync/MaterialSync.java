package org.wechatmp.core.sync;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.MaterialPage;
import org.wechatmp.core.client.MaterialType;
import org.wechatmp.core.client.MaterialsApi;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.MaterialRepository;

/**
 * Pulls permanent materials of every type (image, voice, video, news with its articles) page by page, and removes
 * the local rows of materials deleted in WeChat. Removal happens only after a type was listed completely, so a
 * failure mid-way never deletes anything.
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
     * @param clock the clock
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
     * @param listener progress
     * @return what was done
     * @throws SyncException when WeChat fails mid-way (what was stored stays; nothing is removed for that type)
     */
    public SyncResult run(Account account, WeChatClient client, SyncListener listener) {
        String name = account.name();
        long fetched = 0;
        long removed = 0;
        long calls = 0;
        long total = 0;
        try {
            var count = client.materials().count();
            total = count.imageCount() + count.voiceCount() + count.videoCount() + count.newsCount();
            calls++;
            for (MaterialType type : TYPES) {
                Set<String> seen = new HashSet<>();
                int offset = 0;
                while (true) {
                    MaterialPage page = client.materials().list(type, offset, MaterialsApi.PAGE_LIMIT);
                    calls++;
                    for (MaterialItem item : page.items()) {
                        materials.save(name, type.wireName(), item);
                        seen.add(item.mediaId());
                        fetched++;
                    }
                    offset += page.items().size();
                    listener.progress(new SyncProgress(name, KIND, type.wireName(), fetched, total));
                    if (page.items().isEmpty() || offset >= page.totalCount()) {
                        break;
                    }
                }
                for (String gone : materials.mediaIds(name, type.wireName())) {
                    if (!seen.contains(gone)) {
                        materials.delete(name, gone);
                        removed++;
                    }
                }
                save(name, type.wireName(), fetched, total, "running");
            }
        } catch (WeChatException e) {
            save(name, "failed", fetched, total, "failed: " + e.getMessage());
            throw new SyncException("material sync of " + name + " stopped after " + fetched + " materials: "
                    + e.getMessage(), null, e);
        }
        save(name, "done", fetched, total, "ok: " + fetched + " synced, " + removed + " removed");
        listener.progress(new SyncProgress(name, KIND, "done", fetched, total));
        return new SyncResult(KIND, fetched, fetched, removed, calls);
    }

    private void save(String account, String phase, long done, long total, String result) {
        states.put(new SyncState(account, KIND, null, phase, done, total, result, clock.instant()));
    }
}
