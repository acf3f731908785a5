-- Fewer index entries per appended event (issue 3: durable append throughput).
--
-- event_keys_position: nothing looks events up by (tenant, position) through event_keys, and the
-- tenant's position counter, locked by an append until it commits, already hands out each
-- position once.
ALTER TABLE event_keys DROP CONSTRAINT event_keys_position;

-- Only retention reads event_keys by time, once per run and by a range. Keys are inserted in
-- roughly time order, so a block-range index serves that range at almost no cost per insert,
-- where the B-tree cost one more index entry per event.
DROP INDEX event_keys_time;
CREATE INDEX event_keys_time ON event_keys USING brin (time);
