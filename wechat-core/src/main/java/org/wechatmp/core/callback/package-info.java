/**
 * The framework-agnostic callback pipeline. {@link org.wechatmp.core.callback.WeChatCallback} is the entry: stage one
 * ({@code admit}) checks account, signature, timestamp and declared length before any body byte is read; stage two
 * decrypts, parses once, checks the nonce, deduplicates, runs the engine under a deadline, renders, encrypts and
 * writes the message log. Package-private {@code InboundProtocol}, {@code Deliveries} and {@code HandlerRunner} do
 * the work. Adapters are a few lines around it.
 */
package org.wechatmp.core.callback;
