-- A follower search of one or two characters (a two-character Chinese name is a common one) is too short for the
-- trigram indexes of V3 and scanned every follower of the account (0.8 s at 1,000,000). On PostgreSQL it is found
-- through a GIN index of the one- and two-character pieces of nickname and remark (Dialect: short_grams); elsewhere
-- this migration does nothing.
${short_grams}
