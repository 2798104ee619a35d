-- Budget campaigns voted by majority judgment (issue 16): the campaign's ballot method, for the public
-- campaign page (clients send choices or grades accordingly). Campaigns recorded before it are approval ones.
-- Numbered 22: the card-benefits branch holds 21.

ALTER TABLE budget_campaign ADD COLUMN ballot_method VARCHAR(20) NOT NULL DEFAULT 'APPROVAL';
