-- A claim in progress holds its message until lease_until, which its node renews while the handler runs; a node
-- that dies lets it lapse, and a retry elsewhere takes the claim over (JdbiDeliveryStore). Not indexed, and apart
-- from expires_at (indexed), so a renewal or a finish does not touch an index. NULL (rows of before): held until
-- expires_at, as they were.
ALTER TABLE wx_dedupe ADD COLUMN lease_until BIGINT;
