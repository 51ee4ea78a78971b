package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.List;
import org.wechatmp.core.client.MassMessage;

/**
 * A mass send composed in the admin.
 *
 * @param id the id
 * @param account the account
 * @param state {@code PENDING}, {@code REJECTED}, {@code CANCELLED}, {@code SENDING}, {@code SENT},
 *     {@code FAILED} or {@code DELETED}
 * @param msgType {@code text}, {@code image}, {@code voice}, {@code mpvideo} or {@code mpnews}
 * @param content the text, or the media id
 * @param title a video's title, or {@code null}
 * @param description a video's description, or {@code null}
 * @param ignoreReprint for articles: send even when WeChat judges it a reprint
 * @param target {@code ALL}, {@code TAG} or {@code USERS}
 * @param tagId the tag of a {@code TAG} send, or {@code null}
 * @param userCount how many openids a {@code USERS} send names
 * @param author who composed it
 * @param createdAt when
 * @param reviewer who approved or rejected it, or {@code null}
 * @param reviewedAt when, or {@code null}
 * @param reason why it was rejected, or {@code null}
 * @param sentAt when it was sent, or {@code null}
 * @param errcode WeChat's errcode of a failed send, or {@code null}
 * @param error the error of a failed send, or {@code null}
 * @param sends the WeChat send calls, in order
 */
record Broadcast(long id, String account, String state, String msgType, String content, String title,
        String description, boolean ignoreReprint, String target, Integer tagId, int userCount, String author,
        Instant createdAt, String reviewer, Instant reviewedAt, String reason, Instant sentAt, Integer errcode,
        String error, List<BroadcastSend> sends) {
    /** The message types a broadcast may have. */
    static final List<String> TYPES = List.of("text", "image", "voice", "mpvideo", "mpnews");
    /** The states, in the order of the list's filter. */
    static final List<String> STATES = List.of("PENDING", "SENDING", "SENT", "FAILED", "REJECTED", "CANCELLED",
            "DELETED");

    Broadcast {
        sends = List.copyOf(sends);
    }

    Broadcast withSends(List<BroadcastSend> s) {
        return new Broadcast(id, account, state, msgType, content, title, description, ignoreReprint, target, tagId,
                userCount, author, createdAt, reviewer, reviewedAt, reason, sentAt, errcode, error, s);
    }

    /**
     * The message to send.
     *
     * @param videoMediaId for a video, the id {@code media/uploadvideo} gave; ignored otherwise
     * @return the message
     */
    MassMessage message(String videoMediaId) {
        MassMessage m = switch (msgType) {
            case "text" -> MassMessage.text(content);
            case "image" -> MassMessage.image(content);
            case "voice" -> MassMessage.voice(content);
            case "mpvideo" -> MassMessage.video(videoMediaId, title, description);
            default -> MassMessage.mpNews(content);
        };
        return ignoreReprint && "mpnews".equals(msgType) ? m.ignoringReprint() : m;
    }

    /**
     * A one-line summary for lists.
     *
     * @return at most 60 characters
     */
    String summary() {
        String s = "mpvideo".equals(msgType) && title != null && !title.isEmpty() ? title : content;
        return s.length() > 60 ? s.substring(0, 59) + "…" : s;
    }

    boolean pending() {
        return "PENDING".equals(state);
    }

    /** Whether WeChat was asked to send it (there is something to poll or delete). */
    boolean sent() {
        return !sends.isEmpty() && ("SENDING".equals(state) || "SENT".equals(state) || "FAILED".equals(state));
    }

    /**
     * A counter summed over the sends.
     *
     * @param which {@code total}, {@code filter}, {@code sent} or {@code error}
     * @return the sum, or {@code null} when no send reported it yet
     */
    Integer count(String which) {
        Integer sum = null;
        for (BroadcastSend s : sends) {
            Integer v = switch (which) {
                case "total" -> s.totalCount();
                case "filter" -> s.filterCount();
                case "sent" -> s.sentCount();
                default -> s.errorCount();
            };
            if (v != null) {
                sum = (sum == null ? 0 : sum) + v;
            }
        }
        return sum;
    }

    /** The CSS class of the state's badge. */
    String badge() {
        return switch (state) {
            case "PENDING" -> "text-bg-warning";
            case "SENDING" -> "text-bg-info";
            case "SENT" -> "text-bg-success";
            case "FAILED" -> "text-bg-danger";
            default -> "text-bg-secondary";
        };
    }
}
