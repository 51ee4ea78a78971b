package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WeChat's byte limits, the editor's form and operations, the JSON sent and the diff. */
class MenuRulesTest {
    private static MenuButton click(String name, String key) {
        return new MenuButton(name, "click", key, "", "", "", "", "", List.of());
    }

    @Test
    void bytesAreUtf8Bytes() {
        assertThat(MenuRules.bytes("menu")).isEqualTo(4);
        assertThat(MenuRules.bytes("菜单")).isEqualTo(6);
        assertThat(MenuRules.bytes("今日歌曲")).isEqualTo(12);
        assertThat(MenuRules.bytes("😀")).isEqualTo(4);
        assertThat(MenuRules.bytes("é")).isEqualTo(2);
        assertThat(MenuRules.bytes("👨‍👩‍👧")).isEqualTo(18);
        assertThat(MenuRules.bytes(null)).isZero();
    }

    @Test
    void aTopLevelNameOf17BytesIsRefusedAndSixteenPass() {
        assertThat(MenuRules.check(List.of(click("一二三四五", "k")))).isEmpty(); // 15 bytes
        assertThat(MenuRules.check(List.of(click("一二三四五a", "k")))).isEmpty(); // 16
        List<MenuRules.Problem> p = MenuRules.check(List.of(click("一二三四五ab", "k"))); // 17
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("0");
            assertThat(x.field()).isEqualTo("name");
            assertThat(x.length()).isTrue();
            assertThat(Msg.of("en").t(x.key(), x.args().toArray())).contains("17 bytes", "at most 16");
            assertThat(Msg.of("zh-CN").t(x.key(), x.args().toArray())).contains("17 字节");
        });
        assertThat(MenuRules.check(List.of(click("😀😀😀😀", "k")))).isEmpty(); // 16
        assertThat(MenuRules.check(List.of(click("😀😀😀😀a", "k")))).hasSize(1);
    }

    @Test
    void subButtonsHaveSixtyBytesAndFiveAtMost() {
        MenuButton sub = click("一".repeat(20), "k"); // 60 bytes
        MenuButton parent = new MenuButton("菜单", "", "", "", "", "", "", "", List.of(sub));
        assertThat(MenuRules.check(List.of(parent))).isEmpty();
        MenuButton longSub = click("一".repeat(20) + "a", "k");
        assertThat(MenuRules.check(List.of(parent.withSubs(List.of(longSub))))).extracting(MenuRules.Problem::path)
                .containsExactly("0.0");
        assertThat(MenuRules.check(List.of(parent.withSubs(List.of(sub, sub, sub, sub, sub, sub)))))
                .extracting(MenuRules.Problem::key).containsExactly("menus.err.toomanysubs");
        assertThat(MenuRules.check(List.of(click("a", "k"), click("b", "k"), click("c", "k"), click("d", "k"))))
                .extracting(MenuRules.Problem::key).containsExactly("menus.err.toomany");
    }

    @Test
    void typeFieldsAreRequiredAndBounded() {
        assertThat(MenuRules.check(List.of(click("a", "")))).extracting(MenuRules.Problem::field)
                .containsExactly("key");
        assertThat(MenuRules.check(List.of(click("a", "k".repeat(129))))).singleElement()
                .matches(MenuRules.Problem::length);
        MenuButton view = new MenuButton("v", "view", "", "https://e.example/" + "x".repeat(1100), "", "", "", "",
                List.of());
        assertThat(MenuRules.check(List.of(view))).singleElement().matches(MenuRules.Problem::length);
        MenuButton js = new MenuButton("v", "view", "", "javascript:alert(1)", "", "", "", "", List.of());
        assertThat(MenuRules.check(List.of(js))).extracting(MenuRules.Problem::key).containsExactly("menus.err.url");
        MenuButton mini = new MenuButton("m", "miniprogram", "", "https://e.example", "", "pages/a", "", "",
                List.of());
        assertThat(MenuRules.check(List.of(mini))).extracting(MenuRules.Problem::field).containsExactly("appid");
        assertThat(MenuRules.check(List.of())).extracting(MenuRules.Problem::key).containsExactly("menus.err.empty");
    }

    @Test
    void theFormIsReadAndOperationsKeepWhatWasTyped() {
        Map<String, String> form = new HashMap<>();
        form.put("b0.name", " 今日歌曲 ");
        form.put("b0.type", "click");
        form.put("b0.key", "V1001");
        form.put("b1.name", "菜单");
        form.put("b1.s0.name", "搜索");
        form.put("b1.s0.type", "view");
        form.put("b1.s0.url", "https://www.soso.com/");
        form.put("b1.s1.name", "赞");
        form.put("b1.s1.type", "click");
        form.put("b1.s1.key", "V1201");
        List<MenuButton> typed = MenuForm.read(form::get);
        assertThat(typed).extracting(MenuButton::name).containsExactly("今日歌曲", "菜单");
        assertThat(typed.get(1).subs()).extracting(MenuButton::name).containsExactly("搜索", "赞");
        assertThat(MenuForm.apply(typed, "down:1.0", "x").get(1).subs()).extracting(MenuButton::name)
                .containsExactly("赞", "搜索");
        assertThat(MenuForm.apply(typed, "up:1", "x")).extracting(MenuButton::name).containsExactly("菜单", "今日歌曲");
        assertThat(MenuForm.apply(typed, "move:1.1:0", "x").get(1).subs()).extracting(MenuButton::name)
                .containsExactly("赞", "搜索");
        assertThat(MenuForm.apply(typed, "addsub:0", "new").get(0).subs()).extracting(MenuButton::name)
                .containsExactly("new");
        assertThat(MenuForm.apply(typed, "del:1.0", "x").get(1).subs()).hasSize(1);
        assertThat(MenuForm.apply(typed, "addtop", "new")).hasSize(3);
        assertThat(MenuForm.apply(MenuForm.apply(typed, "addtop", "n"), "addtop", "n")).isNull();
        assertThat(MenuForm.apply(typed, "up:9", "x")).isNull();
        assertThat(MenuForm.apply(typed, "nonsense", "x")).isNull();
    }

    @Test
    void theJsonHasOnlyTheFieldsOfEachTypeAndTheDiffShowsChanges() throws Exception {
        MenuButton viewWithStaleKey = new MenuButton("搜索", "view", "", "https://www.soso.com/", "", "", "m", "",
                List.of());
        MenuButton parent = new MenuButton("菜单", "click", "ignored", "", "", "", "", "", List.of(viewWithStaleKey));
        String json = MenuButton.toJson(List.of(click("今日歌曲", "V1001"), parent)).toString();
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree("{\"button\":["
                + "{\"type\":\"click\",\"name\":\"今日歌曲\",\"key\":\"V1001\"},{\"name\":\"菜单\",\"sub_button\":["
                + "{\"type\":\"view\",\"name\":\"搜索\",\"url\":\"https://www.soso.com/\"}]}]}"));
        assertThat(MenuButton.parse(new ObjectMapper().readTree(json)).get(1).subs().get(0).url())
                .isEqualTo("https://www.soso.com/");
        List<MenuDiff.Line> diff = MenuDiff.of(List.of(click("a", "1"), click("b", "2")),
                List.of(click("b", "2"), click("c", "3")));
        assertThat(diff).extracting(MenuDiff.Line::op).containsExactly("-", "=", "+");
        assertThat(MenuDiff.changed(MenuDiff.of(List.of(click("a", "1")), List.of(click("a", "1"))))).isFalse();
    }
}
