-- Nothing looks a seal up by its event's identifier (an event is found in domain_event_entry, and a
-- seal by its global index), and the global index already gives each event one seal. The unique
-- index only cost the sealer a second index insert per event.
DROP INDEX event_seal_event_identifier;
