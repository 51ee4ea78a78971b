package org.wechatmp.admin.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.wechatmp.core.WeChatRuntimeBuilder;
import org.wechatmp.storage.jdbi.JdbiStorage;

/** Which {@link SectionPages} answers which first path segment under {@code /a/{account}/}. */
final class AccountSections {
    private final Map<String, SectionPages> bySegment = new LinkedHashMap<>();

    AccountSections() {
        add(new FollowerPages(), "followers", "tags", "blacklist");
        add(new ConversationPages(), "messages");
        add(new TemplatePages(), "templates", "template-log");
        add(new QrCodePages(), "qrcodes");
        add(new StatsPages(), "stats");
        add(new MenuPages(), "menu");
        add(new ReplyPages(), "replies");
        add(new MaterialPages(), "materials", "drafts", "published");
        add(new ReachPages(), "broadcast", "kf", "comments");
        add(new DataCubePages(), "datacube");
    }

    void configure(WeChatRuntimeBuilder runtime, JdbiStorage storage, Clock clock) {
        bySegment.values().stream().distinct().forEach(p -> p.configure(runtime, storage, clock));
    }

    void start(Services s) {
        bySegment.values().stream().distinct().forEach(p -> p.start(s));
    }

    private void add(SectionPages pages, String... segments) {
        for (String s : segments) {
            bySegment.put(s, pages);
        }
    }

    Optional<SectionPages> find(String segment) {
        return Optional.ofNullable(bySegment.get(segment));
    }

    void close() {
        bySegment.values().stream().distinct().forEach(SectionPages::close);
    }
}
