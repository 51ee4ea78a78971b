package org.wechatmp.admin.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.ApiQuota;
import org.wechatmp.core.client.MassMessage;
import org.wechatmp.core.client.MassSendApi;
import org.wechatmp.core.client.MassSendResult;
import org.wechatmp.core.client.MassSendStatus;
import org.wechatmp.core.client.WeChatClient;

/**
 * Sends an approved broadcast through {@link MassSendApi} (one {@code mass/sendall}, or {@code mass/send} calls of at
 * most 10,000 openids split evenly so no call has fewer than the 2 WeChat wants), recording each call's
 * {@code msg_id}; and turns WeChat's reports ({@code MASSSENDJOBFINISH}, {@code mass/get}) into the broadcast's state.
 * A {@code clientmsgid} derived from the account, the broadcast and its content makes a repeated send harmless.
 */
final class BroadcastSender {
    /** The errcode WeChat answers when the account has no mass-send quota left. */
    static final int NO_QUOTA = 45028;
    /** The path whose quota {@code openapi/quota/get} reports for mass sends. */
    static final String QUOTA_PATH = "/cgi-bin/message/mass/sendall";

    private final BroadcastStore store;
    private final Clock clock;

    BroadcastSender(BroadcastStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The account's mass-send quota as WeChat reports it, or {@code null} when WeChat does not say (the page then
     * shows it as unknown; the send itself still meets WeChat's own check).
     */
    static ApiQuota quota(WeChatClient client) {
        try {
            return client.quota().get(QUOTA_PATH);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Splits openids into calls of at most {@link MassSendApi#OPENIDS_PER_CALL}, evenly, so that no call holds a
     * single openid.
     *
     * @param openids the followers
     * @return the calls' lists
     */
    static List<List<String>> split(List<String> openids) {
        int calls = Math.max(1, (openids.size() + MassSendApi.OPENIDS_PER_CALL - 1) / MassSendApi.OPENIDS_PER_CALL);
        int size = (openids.size() + calls - 1) / calls;
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < openids.size(); i += size) {
            out.add(openids.subList(i, Math.min(openids.size(), i + size)));
        }
        return out;
    }

    /**
     * The message as it is sent (a video is first turned into a mass video with {@code media/uploadvideo}).
     *
     * @param client the client
     * @param b the broadcast
     * @return the message
     */
    static MassMessage message(WeChatClient client, Broadcast b) {
        String video = "mpvideo".equals(b.msgType()) ? client.massSend().prepareVideo(b.content(),
                b.title() == null ? "" : b.title(), b.description() == null ? "" : b.description()) : null;
        return b.message(video);
    }

    /**
     * Sends a broadcast whose state is already {@code SENDING}, recording each call. A failure is thrown as WeChat
     * gave it; the calls made before it stay recorded.
     *
     * @param client the account's client
     * @param b the broadcast
     * @return how many calls were made
     */
    int send(WeChatClient client, Broadcast b) {
        MassSendApi mass = client.massSend();
        MassMessage msg = message(client, b);
        String clientMsgId = MassSendApi.clientMsgId("wechat-admin-" + b.account() + "-" + b.id(), msg);
        switch (b.target()) {
            case "ALL" -> record(b, 1, mass.sendToAll(msg, clientMsgId));
            case "TAG" -> record(b, 1, mass.sendToTag(b.tagId(), msg, clientMsgId));
            default -> {
                List<List<String>> calls = split(store.openids(b.id()));
                for (int i = 0; i < calls.size(); i++) {
                    String id = i == 0 ? clientMsgId : clientMsgId + "-" + (i + 1);
                    for (MassSendResult r : mass.sendToUsers(calls.get(i), msg, id)) {
                        record(b, i + 1, r);
                    }
                }
                return calls.size();
            }
        }
        return 1;
    }

    private void record(Broadcast b, int seq, MassSendResult r) {
        store.addSend(b.id(), seq, r.msgId(), r.msgDataId() == 0 ? null : r.msgDataId(), clock.instant());
    }

    /**
     * Asks {@code mass/get} for the status of every call of a broadcast that has no job-finish report yet, and moves
     * the broadcast to its final state when WeChat gives one.
     *
     * @param client the account's client
     * @param b the broadcast
     * @return the new state, or {@code null} when unchanged
     */
    String poll(WeChatClient client, Broadcast b) {
        for (BroadcastSend s : b.sends()) {
            if (s.totalCount() == null) {
                MassSendStatus st = client.massSend().status(s.msgId());
                store.status(b.id(), s.seq(), st.msgStatus(), clock.instant());
            }
        }
        return settle(b.account(), b.id());
    }

    /**
     * Moves a sending broadcast to {@code SENT}, {@code FAILED} or {@code DELETED} once every call has a final
     * status.
     *
     * @param account the account
     * @param id the broadcast
     * @return the new state, or {@code null} when unchanged
     */
    String settle(String account, long id) {
        Broadcast b = store.find(account, id).orElse(null);
        if (b == null || !"SENDING".equals(b.state()) || b.sends().isEmpty()) {
            return null;
        }
        boolean allDone = true;
        boolean anyFail = false;
        boolean allDeleted = true;
        for (BroadcastSend s : b.sends()) {
            String st = s.status() == null ? "" : s.status().toLowerCase(Locale.ROOT);
            boolean success = st.equals("send success") || st.equals("send_success");
            boolean fail = st.startsWith("err") || st.equals("send fail") || st.equals("send_fail");
            boolean deleted = st.equals("delete");
            allDone &= success || fail || deleted;
            anyFail |= fail;
            allDeleted &= deleted;
        }
        if (!allDone) {
            return null;
        }
        String to = allDeleted ? "DELETED" : anyFail ? "FAILED" : "SENT";
        return store.move(id, "SENDING", to, null, null, null) ? to : null;
    }

    /** Whether an error is WeChat's "no mass-send quota". */
    static boolean noQuota(RuntimeException e) {
        return e instanceof WeChatApiException w && w.errcode() == NO_QUOTA;
    }
}
