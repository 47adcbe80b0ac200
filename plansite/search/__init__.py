"""Search that finds what people type, in three stages (handbook/search.md says why each
is needed and what it found):

    vocabulary.py  the generator's: the words jieba keeps whole (the user dictionary),
                   each department's names in both languages, each page's keywords
    forms.py       the English word forms a page's words count as (penalties: penalty)
    index.py       the post-build's: the fields added to the theme's search index

The corrections to the theme's search worker are the engine's (plansite/engine/).
"""
