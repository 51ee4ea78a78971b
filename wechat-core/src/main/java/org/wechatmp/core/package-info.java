/**
 * The pure-Java core of the WeChat Official Account framework.
 *
 * <p>Sub-packages are split by feature: {@code crypto} (callback signatures and the AES envelope), {@code message}
 * (the typed inbound model and its XXE-safe parser), {@code reply} (passive replies and their XML). Everything that
 * fails throws a {@link org.wechatmp.core.WeChatException}.
 */
package org.wechatmp.core;
