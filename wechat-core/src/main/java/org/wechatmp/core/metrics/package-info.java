/**
 * Metrics: the {@link org.wechatmp.core.metrics.WeChatMetrics} SPI that the client, the token refresher, the job
 * runner and the callback pipeline report to (no-op by default), and {@link org.wechatmp.core.metrics.MicrometerMetrics},
 * its binding to Micrometer (an optional dependency: add {@code io.micrometer:micrometer-core} to use it).
 */
package org.wechatmp.core.metrics;
