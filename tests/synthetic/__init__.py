"""SYNTHETIC test documents (合成测试文件，仅供测试): a generator of Chinese plan documents.

Four invented plans (national, 东岳省, 青山市, 临河县 — all places fictional) are rendered in
nine layouts (how responsibility is stated: a ruled / borderless / marked / Word table, or
five inline conventions) and four file kinds (txt, text PDF, scanned PDF, docx), each with
exact gold data derived from the same content objects.  Nothing here is real policy text
and none of it belongs in ``corpus/``.

Entry points: :func:`tests.synthetic.matrix.cells` and ``python -m tests.synthetic.generate``.
"""
