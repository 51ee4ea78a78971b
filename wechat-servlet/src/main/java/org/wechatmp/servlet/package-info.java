/**
 * The servlet adapter: the callback servlet, the OAuth filter, the material proxy and the JS-SDK script, registered
 * in one line with {@link org.wechatmp.servlet.WeChatServlets}. Each is a thin translation to the core.
 */
package org.wechatmp.servlet;
