package org.wechatmp.core.client;

import java.util.List;

/** Test helper shared with other packages: non-daemon OkHttp threads left after a bounded wait. */
public final class ThreadsAfterClose {
    private ThreadsAfterClose() {
    }

    /**
     * Non-daemon threads whose name says OkHttp, after waiting up to 5 s for them to end.
     *
     * @return those still alive
     * @throws InterruptedException when interrupted
     */
    public static List<Thread> lingeringOkHttpThreads() throws InterruptedException {
        return ClientCloseTest.lingeringOkHttpThreads();
    }
}
