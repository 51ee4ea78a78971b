/**
 * Callback security: the plain and message signatures, the AES-256-CBC envelope of safe and compatible modes
 * ({@link org.wechatmp.core.crypto.WeChatCrypto}), the timestamp window, and
 * {@link org.wechatmp.core.crypto.CallbackSigner}, which makes callbacks as the WeChat server would.
 */
package org.wechatmp.core.crypto;
