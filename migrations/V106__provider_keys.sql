-- PROVIDER keys read the payouts and proofs of one payout address, kept in marketplace_id
-- (checksummed, 42 characters): the role joins the three of V2.
ALTER TABLE api_key DROP CONSTRAINT api_key_role_check;
ALTER TABLE api_key ADD CONSTRAINT api_key_role_check
    CHECK (role IN ('MARKETPLACE', 'AUDITOR', 'OPERATOR', 'PROVIDER'));
