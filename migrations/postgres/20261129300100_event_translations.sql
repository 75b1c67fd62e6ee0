-- The organiser's title and description in English and French, where given (issue 11):
-- JSON {"en": {"title": "", "description": ""}, "fr": {…}}; an empty text is not given.
ALTER TABLE events ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
