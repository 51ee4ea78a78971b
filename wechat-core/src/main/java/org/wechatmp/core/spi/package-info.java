/**
 * The local mirror of an account's WeChat data: followers, tags, materials, menus and templates, each behind a small
 * repository interface with an in-memory implementation, so the core runs with no database. The storage module
 * implements them on a relational database. The other extension points live beside their feature: the token store
 * in {@code client}, the handler repository in {@code engine}, the dedupe, nonce and message-log stores in
 * {@code callback}, the sync state store in {@code sync}, and the account registry in the root package.
 */
package org.wechatmp.core.spi;
