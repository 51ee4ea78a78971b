/**
 * The framework-agnostic callback pipeline ({@link org.wechatmp.core.callback.WeChatCallback}): verification,
 * replay defence, decryption, one parse, deduplication, the engine under a deadline, rendering, encryption, the
 * message log and listeners. Adapters are a few lines around it.
 */
package org.wechatmp.core.callback;
