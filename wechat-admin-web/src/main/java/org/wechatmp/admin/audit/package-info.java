/**
 * The audit log: every write and every WeChat call made from the admin, with who, when, account, action, target
 * and result.
 */
package org.wechatmp.admin.audit;
