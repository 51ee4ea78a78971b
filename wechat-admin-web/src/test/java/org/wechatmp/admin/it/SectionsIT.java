package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The account's navigation and the demo stack the section tests build on: tabs by grant, callbacks accepted. */
class SectionsIT {
    static AdminStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = AdminStack.start(20, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theAccountPagesShowTheSectionTabsAndAnUnknownSegmentIsNotFound() throws Exception {
        Web web = stack.web();
        var overview = web.get("/a/" + AdminStack.ACCOUNT + "/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("id=\"account-nav\"", "id=\"nav-followers\"", "id=\"nav-menu\"",
                "id=\"nav-settings\"");
        assertThat(web.get("/a/" + AdminStack.ACCOUNT + "/no-such-section").statusCode()).isEqualTo(404);
        assertThat(web.get("/a/nobody/followers").statusCode()).isEqualTo(404);
    }

    @Test
    void theDemoAccountAnswersASignedEncryptedCallback() throws Exception {
        assertThat(stack.callback(AdminStack.text("oSectionsIT", "hello"))).isNotNull();
    }
}
