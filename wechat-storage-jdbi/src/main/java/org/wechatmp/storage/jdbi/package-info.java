/**
 * The core SPIs on a relational database with Jdbi, Flyway and HikariCP: {@link org.wechatmp.storage.jdbi.JdbiStorage}.
 */
package org.wechatmp.storage.jdbi;
