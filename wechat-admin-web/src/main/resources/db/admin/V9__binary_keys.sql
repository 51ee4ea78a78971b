-- WeChat's openids are case-sensitive; MariaDB/MySQL compare text case-insensitively by default, so two blacklisted
-- followers whose openids differ only in case would collide in the key. There the column gets a binary collation
-- (the placeholder is a no-op statement on H2 and PostgreSQL). The storage's V12 does the same for its tables.
${binary_keys}
