/**
 * Admin users, their grants (account × section × level), password hashing (Argon2id) and the sign-in throttle.
 */
package org.wechatmp.admin.auth;
