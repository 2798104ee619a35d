-- Comments an agent hid (CommentHidden): the public list shows them as hidden, with the reason.
ALTER TABLE petition_comment ADD COLUMN hidden_at TIMESTAMPTZ;
ALTER TABLE petition_comment ADD COLUMN hidden_reason TEXT;
