package org.wechatmp.core;

import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.sync.AutoReplyImport;
import org.wechatmp.core.sync.FollowerSync;
import org.wechatmp.core.sync.MaterialCleanup;
import org.wechatmp.core.sync.MaterialSync;
import org.wechatmp.core.sync.MenuSync;
import org.wechatmp.core.sync.TagSync;
import org.wechatmp.core.sync.TemplateSync;

/**
 * The sync services of one account, built from the runtime's repositories and clock, with the account's client:
 * {@code runtime.sync(account).followers().full(account, sync.client(), listener)}. To run a sync in the background,
 * once across nodes, with progress and a record, use {@link WeChatRuntime#jobs()} instead.
 *
 * @param account the account
 * @param client its client
 * @param followers follower sync
 * @param tags tag sync
 * @param menus menu import and publish
 * @param materials material sync
 * @param templates template sync
 * @param autoReplies the console auto-reply import
 * @param cleanup unused-material cleanup
 */
public record AccountSync(Account account, WeChatClient client, FollowerSync followers, TagSync tags, MenuSync menus,
        MaterialSync materials, TemplateSync templates, AutoReplyImport autoReplies, MaterialCleanup cleanup) {
}
