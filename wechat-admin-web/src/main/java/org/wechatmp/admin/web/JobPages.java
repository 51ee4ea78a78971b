package org.wechatmp.admin.web;

import gg.jte.output.StringOutput;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.jobs.JobConflictException;
import org.wechatmp.core.jobs.JobHandle;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.jobs.JobListener;
import org.wechatmp.core.jobs.JobProgress;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.core.jobs.JobRunner;

/**
 * {@code /jobs} (running and recent sync jobs of the accounts the user may see, and a start form),
 * {@code /jobs/{id}} (one job with a live progress bar fed by {@code /jobs/{id}/events}, server-sent events),
 * {@code POST /jobs/start}, {@code /jobs/{id}/cancel} and {@code /jobs/{id}/resume}. A job needs view on its
 * section (followers for follower and tag syncs, menus, materials, templates, replies) to be seen, edit to be
 * started, cancelled or resumed; a job of an account without a grant answers 404. Every start, cancel and resume is
 * audited, refused ones too.
 */
final class JobPages implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final ScheduledExecutorService streams = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wechat-admin-job-events");
        t.setDaemon(true);
        return t;
    });

    static Section section(String kind) {
        return switch (kind) {
            case "FOLLOWERS_FULL", "FOLLOWERS_INCREMENTAL", "TAGS" -> Section.FOLLOWERS;
            case "MENUS" -> Section.MENUS;
            case "MATERIALS" -> Section.MATERIALS;
            case "TEMPLATES", "TEMPLATE_SEND" -> Section.TEMPLATES;
            case "AUTO_REPLIES" -> Section.REPLIES;
            default -> Section.SETTINGS;
        };
    }

    void route(Ctx c) throws IOException {
        String path = c.path;
        if ("/jobs".equals(path)) {
            c.requireMethod("GET");
            list(c, 200, null, null);
            return;
        }
        if ("/jobs/start".equals(path)) {
            c.requireMethod("POST");
            start(c);
            return;
        }
        String rest = path.substring("/jobs/".length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        String action = slash < 0 ? "" : rest.substring(slash + 1);
        if (!ID.matcher(id).matches()) {
            throw HttpError.notFound();
        }
        JobRun run = c.s.runtime().jobs().run(id).orElseThrow(HttpError::notFound);
        Section section = section(run.kind());
        if (!c.user.can(run.account(), section, Level.VIEW)) {
            throw HttpError.notFound();
        }
        switch (action) {
            case "" -> {
                c.requireMethod("GET");
                c.render("job", 200, "jobs.job", "job", view(c, run));
            }
            case "events" -> {
                c.requireMethod("GET");
                events(c, run);
            }
            case "cancel" -> {
                c.requireMethod("POST");
                requireEdit(c, run);
                boolean was = c.s.runtime().jobs().cancel(run.id());
                c.s.audit().record(c.who(), run.account(), "job.cancel", run.kind() + " " + run.id(), was, null,
                        was ? null : "not running");
                c.redirect("/jobs/" + run.id(), was ? "jobs.cancelled" : "jobs.notrunning");
            }
            case "resume" -> {
                c.requireMethod("POST");
                requireEdit(c, run);
                Account account = c.s.runtime().account(run.account()).orElseThrow(HttpError::notFound);
                JobHandle h;
                try {
                    h = c.s.runtime().jobs().resume(account, run.kind(), c.who());
                } catch (JobConflictException e) {
                    c.s.audit().record(c.who(), run.account(), "job.resume", run.kind() + " " + run.id(), false,
                            null, "already running: job " + e.runningJobId());
                    list(c, 409, "jobs.conflict", e);
                    return;
                }
                c.s.audit().record(c.who(), run.account(), "job.resume", h.started().kind() + " " + h.id(), true,
                        null, "resumes " + run.id());
                c.redirect("/jobs/" + h.id(), null);
            }
            default -> throw HttpError.notFound();
        }
    }

    private static void requireEdit(Ctx c, JobRun run) {
        if (!c.user.can(run.account(), section(run.kind()), Level.EDIT)) {
            throw HttpError.forbidden();
        }
    }

    private void start(Ctx c) throws IOException {
        String name = c.param("account");
        String kind = c.param("kind");
        Account account = c.s.runtime().account(name).filter(a -> c.user.sees(a.name()))
                .orElseThrow(HttpError::notFound);
        if (!c.s.runtime().jobs().kinds().contains(kind)) {
            throw new HttpError(400, "jobs.badkind");
        }
        if (!c.user.can(account.name(), section(kind), Level.EDIT)) {
            throw HttpError.forbidden();
        }
        JobHandle h;
        try {
            h = c.s.runtime().jobs().start(account, kind, c.who());
        } catch (JobConflictException e) {
            c.s.audit().record(c.who(), account.name(), "job.start", kind, false, null,
                    "already running: job " + e.runningJobId());
            list(c, 409, "jobs.conflict", e);
            return;
        }
        c.s.audit().record(c.who(), account.name(), "job.start", kind + " " + h.id(), true, null, null);
        c.redirect("/jobs/" + h.id(), null);
    }

    private void list(Ctx c, int status, String error, JobConflictException conflict) throws IOException {
        List<JobView> jobs = new ArrayList<>();
        List<String> startable = new ArrayList<>();
        for (Account a : c.s.runtime().accounts().all()) {
            if (!c.user.sees(a.name())) {
                continue;
            }
            boolean any = false;
            for (JobRun r : c.s.runtime().jobs().recent(a.name(), 30)) {
                if (c.user.can(a.name(), section(r.kind()), Level.VIEW)) {
                    jobs.add(view(c, r));
                }
            }
            for (String k : c.s.runtime().jobs().kinds()) {
                any |= c.user.can(a.name(), section(k), Level.EDIT);
            }
            if (any) {
                startable.add(a.name());
            }
        }
        jobs.sort(Comparator.comparing((JobView v) -> !v.running())
                .thenComparing(v -> v.run().startedAt(), Comparator.reverseOrder()));
        List<String> kinds = c.s.runtime().jobs().kinds().stream()
                .sorted(Comparator.comparing(k -> ordinal(k))).toList();
        c.render("jobs", status, "jobs.title", "jobs", jobs, "accounts", startable.stream().sorted().toList(),
                "kinds", kinds, "error", error, "conflictJob", conflict == null ? null : conflict.runningJobId(),
                "selectedAccount", c.param("account"), "selectedKind", c.param("kind"));
    }

    private static int ordinal(String kind) {
        for (JobKind k : JobKind.values()) {
            if (k.name().equals(kind)) {
                return k.ordinal();
            }
        }
        return JobKind.values().length;
    }

    private static JobView view(Ctx c, JobRun run) {
        return new JobView(run, latest(c.s.runtime().jobs(), run),
                c.user.can(run.account(), section(run.kind()), Level.EDIT));
    }

    /** The latest progress of a run on this node (the runner replays it to a new subscriber at once). */
    private static JobProgress latest(JobRunner jobs, JobRun run) {
        if (run.state().ended()) {
            return null;
        }
        AtomicReference<JobProgress> got = new AtomicReference<>();
        AutoCloseable sub = jobs.subscribe(run.id(), new JobListener() {
            @Override
            public void progress(JobProgress progress) {
                got.compareAndSet(null, progress);
            }
        });
        try {
            sub.close();
        } catch (Exception e) {
            // the runner's subscription closes without failing
        }
        return got.get();
    }

    private void events(Ctx c, JobRun run) throws IOException {
        Page page = c.page("jobs.job");
        boolean canEdit = c.user.can(run.account(), section(run.kind()), Level.EDIT);
        c.resp.setStatus(200);
        c.resp.setContentType("text/event-stream;charset=UTF-8");
        c.resp.setHeader("Cache-Control", "no-store");
        c.resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext ac = c.req.startAsync();
        ac.setTimeout(STREAM_TIMEOUT_MILLIS);
        c.resp.getOutputStream().write("retry: 2000\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        c.resp.flushBuffer();
        JobRunner jobs = c.s.runtime().jobs();
        Services s = c.s;
        JobStream stream = new JobStream(ac, streams, run,
                v -> fragment(s, page, new JobView(v.run(), v.progress(), canEdit)),
                () -> jobs.run(run.id()).orElse(null));
        stream.open(jobs.subscribe(run.id(), stream));
    }

    private static String fragment(Services s, Page page, JobView job) {
        Map<String, Object> map = new HashMap<>();
        map.put("p", page);
        map.put("job", job);
        StringOutput out = new StringOutput();
        s.templates().render("job_live.jte", map, out);
        return out.toString();
    }

    /** Stops the event streams' thread. */
    @Override
    public void close() {
        streams.shutdownNow();
    }
}
