package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compose form of a broadcast, as typed (shown again on an error so nothing is lost).
 *
 * @param type the message type ({@link Broadcast#TYPES})
 * @param text the text of a text message
 * @param mediaId the media id of the other types
 * @param title a video's title
 * @param description a video's description
 * @param ignoreReprint for articles: send even when judged a reprint
 * @param target {@code ALL}, {@code TAG} or {@code USERS}
 * @param tagId the tag, as typed
 * @param openids the openids, one per line (or separated by spaces or commas)
 */
record BroadcastForm(String type, String text, String mediaId, String title, String description,
        boolean ignoreReprint, String target, String tagId, String openids) {
    static final int MAX_TEXT = 2000;
    /** The most openids one broadcast may name (they are sent 10,000 per call). */
    static final int MAX_OPENIDS = 100_000;
    static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{6,64}");
    static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    static BroadcastForm empty() {
        return new BroadcastForm("text", "", "", "", "", false, "ALL", "", "");
    }

    /**
     * The empty form, filled from the query where another page links here (e.g. the followers list with
     * {@code ?target=USERS&openids=o1,o2} for the selected followers, or {@code ?target=TAG&tagId=2}).
     */
    static BroadcastForm prefilled(Ctx c) {
        BroadcastForm e = empty();
        String target = List.of("ALL", "TAG", "USERS").contains(c.param("target")) ? c.param("target") : e.target();
        String type = Broadcast.TYPES.contains(c.param("type")) ? c.param("type") : e.type();
        return new BroadcastForm(type, c.param("text"), c.param("mediaId"), "", "", false, target, c.param("tagId"),
                String.join("\n", split(c.param("openids"))));
    }

    static BroadcastForm of(Ctx c) {
        return new BroadcastForm(c.param("type"), c.param("text"), c.param("mediaId"), c.param("title"),
                c.param("description"), "on".equals(c.param("ignoreReprint")), c.param("target"), c.param("tagId"),
                c.param("openids"));
    }

    /** The openids typed, deduplicated in order. */
    List<String> openidList() {
        return split(openids);
    }

    private static List<String> split(String typed) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : typed.split("[\\s,;]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Checks the form.
     *
     * @return a message key, or {@code null} when valid
     */
    String error() {
        if (!Broadcast.TYPES.contains(type)) {
            return "reach.broadcast.err.type";
        }
        if ("text".equals(type)) {
            if (text.isEmpty() || text.length() > MAX_TEXT) {
                return "reach.broadcast.err.text";
            }
        } else if (!MEDIA_ID.matcher(mediaId).matches()) {
            return "reach.broadcast.err.media";
        }
        if ("mpvideo".equals(type) && (title.length() > 64 || description.length() > 120)) {
            return "reach.broadcast.err.video";
        }
        switch (target) {
            case "ALL" -> {
                return null;
            }
            case "TAG" -> {
                return tagId.matches("[0-9]{1,9}") ? null : "reach.broadcast.err.tag";
            }
            case "USERS" -> {
                List<String> ids = openidList();
                if (ids.size() < 2 || ids.size() > MAX_OPENIDS) {
                    return "reach.broadcast.err.count";
                }
                return ids.stream().allMatch(o -> OPENID.matcher(o).matches()) ? null : "reach.broadcast.err.openid";
            }
            default -> {
                return "reach.broadcast.err.target";
            }
        }
    }

    /**
     * The pending broadcast this form makes (valid forms only).
     *
     * @param account the account
     * @param author who composed it
     * @param at when
     * @return the broadcast, id 0
     */
    Broadcast toBroadcast(String account, String author, Instant at) {
        boolean isText = "text".equals(type);
        boolean video = "mpvideo".equals(type);
        return new Broadcast(0, account, "PENDING", type, isText ? text : mediaId, video ? title : null,
                video ? description : null, "mpnews".equals(type) && ignoreReprint, target,
                "TAG".equals(target) ? Integer.valueOf(tagId) : null, 0, author, at, null, null, null, null, null,
                null, List.of());
    }
}
