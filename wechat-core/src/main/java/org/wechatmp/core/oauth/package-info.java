/**
 * Web authorization independent of any web framework: signed states, code exchange, the stored user.
 */
package org.wechatmp.core.oauth;
