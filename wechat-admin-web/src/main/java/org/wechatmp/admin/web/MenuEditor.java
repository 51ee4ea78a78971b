package org.wechatmp.admin.web;

import java.util.List;
import java.util.Map;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.spi.StoredMaterial;

/**
 * The tree editor as a page shows it, for the default menu or a conditional menu being prepared.
 *
 * @param account the account
 * @param conditional whether this prepares a conditional menu (then {@code rule} and {@code tags} apply)
 * @param buttons the buttons shown (as typed when the page answers a rejected save)
 * @param errors translated problems by {@code path:field} ({@code 0.1:name}; {@code 0.1:} a button's; {@code :} the
 *     menu's)
 * @param revision the working copy's revision the form was made from
 * @param draft the stored working copy, or {@code null} when the editor shows the stored menu
 * @param diff what publishing would change
 * @param hasPublished whether anything was published
 * @param canEdit whether the user may save
 * @param canPublish whether the user may publish
 * @param error a translated error shown above the form (a refused save, WeChat's answer), or {@code null}
 * @param media permanent materials for the {@code media_id} picker
 * @param rule the conditional menu's rule fields
 * @param tags the account's tags for the rule
 */
record MenuEditor(String account, boolean conditional, List<MenuButton> buttons, Map<String, List<String>> errors,
        long revision, MenuDrafts.Draft draft, List<MenuDiff.Line> diff, boolean hasPublished, boolean canEdit,
        boolean canPublish, String error, List<StoredMaterial> media, Map<String, String> rule, List<Tag> tags) {

    /** The form's action. */
    String action() {
        return "/a/" + account + (conditional ? "/menu/conditional/new" : "/menu");
    }

    List<String> err(String path, String field) {
        return errors.getOrDefault(path + ":" + field, List.of());
    }

    boolean bad(String path, String field) {
        return errors.containsKey(path + ":" + field);
    }

    boolean changed() {
        return MenuDiff.changed(diff);
    }

    int maxName(boolean top) {
        return top ? MenuRules.TOP_NAME_BYTES : MenuRules.SUB_NAME_BYTES;
    }

    int bytes(String s) {
        return MenuRules.bytes(s);
    }

    String rule(String field) {
        return rule.getOrDefault(field, "");
    }

    /** The types whose fields a field wrapper shows (for admin.js; without JS every field shows). */
    static String typesOf(String field) {
        return switch (field) {
            case "key" -> String.join(" ", MenuButton.KEYED);
            case "url" -> "view miniprogram";
            case "appid", "pagepath" -> "miniprogram";
            case "media_id" -> "media_id view_limited";
            case "article_id" -> "article_id article_view_limited";
            default -> "";
        };
    }

    boolean canAddTop() {
        return buttons.size() < MenuRules.MAX_TOP;
    }
}
