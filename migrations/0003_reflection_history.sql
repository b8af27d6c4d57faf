-- Which reflections a person has seen, by pseudonym only, so /reflect does not repeat itself.
CREATE TABLE reflection_seen (
    person_key    TEXT NOT NULL,
    reflection_id TEXT NOT NULL,
    seen_at       TEXT NOT NULL,
    PRIMARY KEY (person_key, reflection_id)
);
