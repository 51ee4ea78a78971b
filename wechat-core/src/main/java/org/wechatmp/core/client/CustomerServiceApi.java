package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.core.WeChatException;

/**
 * Customer service (客服): accounts (add, update, delete, invite a WeChat user to bind, list, online list, avatar),
 * sessions (create, close, get, list, waiting followers) and chat records. Sending customer-service messages is
 * {@link MessagesApi}.
 */
public final class CustomerServiceApi {
    /** WeChat's maximum page size of chat records. */
    public static final int RECORDS_PAGE_LIMIT = 10_000;

    private final ApiExecutor x;

    CustomerServiceApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Adds an account.
     *
     * @param kfAccount the account, {@code name@gh_id}
     * @param nickname the nickname
     */
    public void add(String kfAccount, String nickname) {
        x.json(ApiExecutor.post("/customservice/kfaccount/add", account(kfAccount, nickname, null)));
    }

    /**
     * Adds an account with a password, as WeChat's older API took it (sent as its MD5, never in clear).
     *
     * @param kfAccount the account
     * @param nickname the nickname
     * @param password the password
     */
    public void add(String kfAccount, String nickname, String password) {
        x.json(ApiExecutor.post("/customservice/kfaccount/add", account(kfAccount, nickname, password)));
    }

    /**
     * Changes an account's nickname.
     *
     * @param kfAccount the account
     * @param nickname the nickname
     */
    public void update(String kfAccount, String nickname) {
        x.json(ApiExecutor.post("/customservice/kfaccount/update", account(kfAccount, nickname, null)));
    }

    /**
     * Changes an account's nickname and (older API) password.
     *
     * @param kfAccount the account
     * @param nickname the nickname
     * @param password the password, sent as its MD5
     */
    public void update(String kfAccount, String nickname, String password) {
        x.json(ApiExecutor.post("/customservice/kfaccount/update", account(kfAccount, nickname, password)));
    }

    private static Map<String, Object> account(String kfAccount, String nickname, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kf_account", kfAccount);
        body.put("nickname", nickname);
        if (password != null) {
            body.put("password", md5(password));
        }
        return body;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new WeChatException("MD5 unavailable", e);
        }
    }

    /**
     * Invites a WeChat user to bind an account; they accept in WeChat.
     *
     * @param kfAccount the account
     * @param inviteWechatId the WeChat ID to invite
     */
    public void invite(String kfAccount, String inviteWechatId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kf_account", kfAccount);
        body.put("invite_wx", inviteWechatId);
        x.json(ApiExecutor.post("/customservice/kfaccount/inviteworker", body));
    }

    /**
     * Deletes an account.
     *
     * @param kfAccount the account
     */
    public void delete(String kfAccount) {
        x.json(ApiExecutor.get("/customservice/kfaccount/del", Map.of("kf_account", kfAccount)));
    }

    /**
     * Uploads an account's avatar (a square JPEG is what WeChat expects).
     *
     * @param kfAccount the account
     * @param fileName the file name, e.g. {@code avatar.jpg}
     * @param content the bytes
     */
    public void uploadAvatar(String kfAccount, String fileName, byte[] content) {
        Multipart.upload(x, "/customservice/kfaccount/uploadheadimg", Map.of("kf_account", kfAccount), "media",
                fileName, content, "image/jpeg");
    }

    /**
     * Every account.
     *
     * @return the accounts
     */
    public List<KfAccount> accounts() {
        List<KfAccount> out = new ArrayList<>();
        for (JsonNode k : x.json(ApiExecutor.get("/cgi-bin/customservice/getkflist", null)).path("kf_list")) {
            out.add(KfAccount.read(k));
        }
        return out;
    }

    /**
     * The accounts online now.
     *
     * @return the accounts
     */
    public List<KfOnlineAccount> onlineAccounts() {
        List<KfOnlineAccount> out = new ArrayList<>();
        for (JsonNode k : x.json(ApiExecutor.get("/cgi-bin/customservice/getonlinekflist", null))
                .path("kf_online_list")) {
            out.add(new KfOnlineAccount(k.path("kf_account").asText(""), k.path("kf_id").asText(""),
                    k.path("status").asInt(), k.path("accepted_case").asInt()));
        }
        return out;
    }

    /**
     * Starts a session between an account and a follower.
     *
     * @param kfAccount the account
     * @param openid the follower
     */
    public void createSession(String kfAccount, String openid) {
        x.json(ApiExecutor.post("/customservice/kfsession/create", session(kfAccount, openid, null)));
    }

    /**
     * Closes a session.
     *
     * @param kfAccount the account
     * @param openid the follower
     */
    public void closeSession(String kfAccount, String openid) {
        x.json(ApiExecutor.post("/customservice/kfsession/close", session(kfAccount, openid, null)));
    }

    /**
     * Closes a session with a closing text (accepted by WeChat's older API).
     *
     * @param kfAccount the account
     * @param openid the follower
     * @param text the text
     */
    public void closeSession(String kfAccount, String openid, String text) {
        x.json(ApiExecutor.post("/customservice/kfsession/close", session(kfAccount, openid, text)));
    }

    private static Map<String, Object> session(String kfAccount, String openid, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kf_account", kfAccount);
        body.put("openid", openid);
        if (text != null) {
            body.put("text", text);
        }
        return body;
    }

    /**
     * The session of a follower.
     *
     * @param openid the follower
     * @return the session; its account is empty when none serves the follower
     */
    public KfSession session(String openid) {
        JsonNode json = x.json(ApiExecutor.get("/customservice/kfsession/getsession", Map.of("openid", openid)));
        return new KfSession(openid, json.path("kf_account").asText(""), json.path("createtime").asLong(0));
    }

    /**
     * The sessions of an account.
     *
     * @param kfAccount the account
     * @return the sessions
     */
    public List<KfSession> sessions(String kfAccount) {
        List<KfSession> out = new ArrayList<>();
        for (JsonNode s : x.json(ApiExecutor.get("/customservice/kfsession/getsessionlist",
                Map.of("kf_account", kfAccount))).path("sessionlist")) {
            KfSession read = KfSession.read(s);
            out.add(new KfSession(read.openid(), kfAccount, read.createTime()));
        }
        return out;
    }

    /**
     * The followers waiting for a session.
     *
     * @return the waiting followers
     */
    public KfWaitCases waitCases() {
        JsonNode json = x.json(ApiExecutor.get("/customservice/kfsession/getwaitcase", null));
        List<KfSession> waiting = new ArrayList<>();
        json.path("waitcaselist").forEach(s -> waiting.add(KfSession.read(s)));
        return new KfWaitCases(json.path("count").asInt(waiting.size()), waiting);
    }

    /**
     * One page of chat records between two times (WeChat allows at most 24 hours between them).
     *
     * @param startTime the start, seconds since the epoch
     * @param endTime the end, seconds since the epoch
     * @param msgId the cursor: 1 for the first page, then {@link KfRecordPage#nextMsgId()}
     * @param number the page size, at most {@value #RECORDS_PAGE_LIMIT}
     * @return the page
     */
    public KfRecordPage records(long startTime, long endTime, long msgId, int number) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("starttime", startTime);
        body.put("endtime", endTime);
        body.put("msgid", msgId);
        body.put("number", Math.min(number, RECORDS_PAGE_LIMIT));
        JsonNode json = x.json(ApiExecutor.post("/customservice/msgrecord/getmsglist", body));
        List<KfRecord> records = new ArrayList<>();
        for (JsonNode r : json.path("recordlist")) {
            records.add(new KfRecord(r.path("worker").asText(""), r.path("openid").asText(""),
                    r.path("opercode").asInt(), r.path("time").asLong(), r.path("text").asText("")));
        }
        return new KfRecordPage(records, json.path("number").asInt(records.size()), json.path("msgid").asLong(0));
    }

    /**
     * Every chat record between two times, paging until a page comes back short.
     *
     * @param startTime the start, seconds since the epoch
     * @param endTime the end, seconds since the epoch (at most 24 hours after the start)
     * @return the records in WeChat's order
     */
    public List<KfRecord> allRecords(long startTime, long endTime) {
        List<KfRecord> out = new ArrayList<>();
        long cursor = 1;
        while (true) {
            KfRecordPage page = records(startTime, endTime, cursor, RECORDS_PAGE_LIMIT);
            out.addAll(page.records());
            if (page.number() < RECORDS_PAGE_LIMIT || page.nextMsgId() <= cursor) {
                return out;
            }
            cursor = page.nextMsgId();
        }
    }
}
