/**
 * The admin's pages: the security filter (headers, CSRF, errors), the page servlet, the bundled assets, i18n and
 * the jte templates (generated into this package from {@code src/main/jte}).
 */
package org.wechatmp.admin.web;
