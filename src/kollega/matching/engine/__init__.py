"""Kollega's matchmaking engine: pure Python + numpy/scipy/scikit-learn, no Django import.

Usable from the `kollega match` / `kollega pair` commands on JSON files and from the
product (which builds `Profile`s from the database). Modules:

- `types`       Profile, Suggestion, Reason, MatchOptions, Constraints
- `vocabulary`  the curated multilingual concept vocabulary and the tagger
- `features`    text → vectors (concepts + character n-grams of cognate-folded text)
- `scoring`     pair value: complementarity both ways, interests/theme, hard rules,
                diversity, periphery boost; `recommend()` in blocks
- `reasons`     human-readable reasons in en/nb/da/sv
- `pairing`     weekly pairs: `blossom` (exact matching), `approximate` (greedy + local
                search), `rounds` (`pair_round` with the product rules)
- `io`          reading/validating the JSON input and writing the outputs
"""
