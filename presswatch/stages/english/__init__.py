"""The English quote finder's helpers: lookups over the spaCy parse, speaker phrases and pronouns, role
descriptors, document speakers and reported-speech frames the parse misses."""
