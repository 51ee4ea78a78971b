/**
 * The admin web application: configuration ({@link org.wechatmp.admin.AdminConfig}) and the start-up listener that
 * migrates the database, bootstraps the first superuser and mounts the admin pages and the WeChat callback in one
 * war.
 */
package org.wechatmp.admin;
