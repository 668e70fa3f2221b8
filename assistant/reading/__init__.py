"""Reading: files -> :class:`assistant.types.RawDocument` (clean text and raw tables).

:mod:`.files` dispatches on the file type (TXT, DOCX, PDF); :mod:`.pdf` reads a text
layer and its tables; :mod:`.ocr` reads a scanned (image-only) PDF with a local OCR
engine, and :mod:`.layout` turns positioned text boxes into reading order and tables.
"""
