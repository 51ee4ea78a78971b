/**
 * {@code java -jar wechat-admin-web.war}: {@link org.wechatmp.admin.launcher.Main} (JDK only, at the war's root)
 * unpacks {@code WEB-INF/launcher} and starts Jetty 12 on the war itself.
 */
package org.wechatmp.admin.launcher;
