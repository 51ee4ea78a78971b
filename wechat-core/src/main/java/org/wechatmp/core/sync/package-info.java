/**
 * Sync services: pulling an account's data from WeChat into the repositories, with progress and resumable cursors.
 */
package org.wechatmp.core.sync;
