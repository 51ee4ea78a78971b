/**
 * The inbound model: every message and event WeChat pushes, as typed immutable values parsed once by an XXE-safe
 * {@link org.wechatmp.core.message.MessageParser}. Unknown types become
 * {@link org.wechatmp.core.message.UnknownMessage} with all raw fields kept.
 */
package org.wechatmp.core.message;
