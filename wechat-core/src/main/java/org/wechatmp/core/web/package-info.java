/**
 * The rules every web adapter shares, so the servlet and JAX-RS adapters answer the same inputs the same way: the
 * site settings ({@link org.wechatmp.core.web.WebSettings}: site URL, allowed hosts, trusted proxies), the client
 * address, the JS-SDK script, the material proxy and short error answers with an error id.
 */
package org.wechatmp.core.web;
