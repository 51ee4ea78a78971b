/**
 * The API client: {@link org.wechatmp.core.client.WeChatClient}, one per account, with token management through the
 * {@link org.wechatmp.core.client.TokenStore} SPI and one small class per API group.
 */
package org.wechatmp.core.client;
