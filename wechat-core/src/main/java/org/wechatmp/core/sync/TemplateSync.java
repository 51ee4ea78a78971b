package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.Template;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.TemplateRepository;

/**
 * Pulls the account's private templates into the template repository. The answer must carry a
 * {@code template_list} whose entries each have a distinct {@code template_id}; an answer without it (for example
 * {@code {}}) is a {@link SyncException} and the stored templates stay as they were.
 */
public final class TemplateSync {
    /** The kind name in the sync state. */
    public static final String KIND = "templates";
    private static final String WHERE = "template/get_all_private_template";

    private final TemplateRepository templates;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the sync.
     *
     * @param templates where templates go
     * @param states where results are recorded
     * @param clock the clock for timestamps and progress rates
     */
    public TemplateSync(TemplateRepository templates, SyncStateStore states, Clock clock) {
        this.templates = templates;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Runs the sync.
     *
     * @param account the account
     * @param client its client
     * @param listener progress and cancellation
     * @return what was done
     * @throws SyncException when WeChat fails, answers malformed, or the run is cancelled
     */
    public SyncResult run(Account account, WeChatClient client, SyncListener listener) {
        SyncRecorder rec = SyncRecorder.start(states, clock, account.name(), KIND, null, listener);
        try {
            rec.checkStop();
            JsonNode json = client.get("/cgi-bin/template/get_all_private_template", null);
            rec.call();
            List<Template> all = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (JsonNode t : Answers.array(json, "template_list", WHERE)) {
                if (!ids.add(Answers.text(t, "template_id", WHERE))) {
                    throw SyncRecorder.incomplete(WHERE + " repeated template " + t.path("template_id").asText());
                }
                all.add(Answers.convert(t, Template.class, WHERE));
            }
            rec.total(all.size());
            rec.checkStop();
            templates.replaceAll(account.name(), all);
            return rec.done(all.size(), all.size(), 0, all.size() + " templates");
        } catch (RuntimeException e) {
            throw rec.failed(e);
        }
    }
}
