-- 0007: the input profile each file was read with (ingest --profile).
--
-- profile_name is the profile's `name:` (or its file name), profile_sha256
-- the SHA-256 of its bytes in hex, so a file's records can be traced to the
-- exact mapping that read them. Both are NULL for a file read in the
-- documented shape, and for every file ingested before this version.
ALTER TABLE ingested_files ADD COLUMN profile_name TEXT;
ALTER TABLE ingested_files ADD COLUMN profile_sha256 TEXT;
