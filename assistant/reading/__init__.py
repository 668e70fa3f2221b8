"""Reading documents that have no usable text layer.

:mod:`assistant.reading.ocr` turns a scanned (image-only) PDF into page texts and
positioned text boxes with a local OCR engine (RapidOCR, PP-OCR models on onnxruntime);
:mod:`assistant.reading.layout` is the engine-free part: the reading order of the boxes,
tables as TAB-separated rows, and the clean-up of OCR confusions typical of 公文.
"""
