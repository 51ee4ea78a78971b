/**
 * The JAX-RS adapter: the callback resource, {@link org.wechatmp.jaxrs.WeChatAuth} web authorization, the JS-SDK
 * script and an exception mapper, registered by {@link org.wechatmp.jaxrs.WeChatFeature}.
 */
package org.wechatmp.jaxrs;
