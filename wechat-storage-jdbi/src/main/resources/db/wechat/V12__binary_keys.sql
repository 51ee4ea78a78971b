-- WeChat's identifiers are case-sensitive: two openids (or media ids, template ids) may differ only in case.
-- MariaDB and MySQL compare text with the database's default collation, which usually ignores case (and accents),
-- so such two followers would collide in wx_user's primary key and one would overwrite the other. There the
-- identifier columns get a binary collation; H2 and PostgreSQL already compare exactly (the placeholder is a no-op
-- statement on them). Names, remarks and other searchable text keep the default, case-insensitive collation.
${binary_keys}
