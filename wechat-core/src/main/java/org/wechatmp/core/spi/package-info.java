/**
 * The extension points of the core, each a small interface with an in-memory implementation, so the core runs
 * with no database. The storage module implements them on a relational database.
 */
package org.wechatmp.core.spi;
