package org.wechatmp.core.message;

/**
 * The report of a mass send ({@code MASSSENDJOBFINISH}); {@link #msgId()} is the mass message id.
 */
public final class MassSendJobFinishEvent extends EventMessage {
    MassSendJobFinishEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The result, e.g. {@code send success}.
     *
     * @return the value
     */
    public String status() {
        return fields().text("Status", "");
    }

    /**
     * The number of target followers.
     *
     * @return the value
     */
    public int totalCount() {
        return fields().intValue("TotalCount", 0);
    }

    /**
     * The number after filtering.
     *
     * @return the value
     */
    public int filterCount() {
        return fields().intValue("FilterCount", 0);
    }

    /**
     * The number sent.
     *
     * @return the value
     */
    public int sentCount() {
        return fields().intValue("SentCount", 0);
    }

    /**
     * The number that failed.
     *
     * @return the value
     */
    public int errorCount() {
        return fields().intValue("ErrorCount", 0);
    }

    /**
     * The raw {@code CopyrightCheckResult}, empty when absent.
     *
     * @return the value
     */
    public XmlFields copyrightCheckResult() {
        return fields().child("CopyrightCheckResult");
    }

    /**
     * The raw {@code ArticleUrlResult}, empty when absent.
     *
     * @return the value
     */
    public XmlFields articleUrlResult() {
        return fields().child("ArticleUrlResult");
    }
}
