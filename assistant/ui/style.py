"""The page's CSS (passed to ``launch(css=...)``): citation cards, result tables that
become stacked cards on a phone, and nothing that scrolls inside what already scrolls."""

from __future__ import annotations

#: below this width the result tables turn into one card per row
PHONE_MAX = 720

CSS = """
.pa-msg { line-height: 1.7; font-size: 15px; overflow-wrap: anywhere; }
.pa-answer { white-space: normal; }
.pa-ref { color: #1d4ed8; font-weight: 600; font-size: 0.85em; vertical-align: super; }
.pa-notfound { color: #6b7280; }
.pa-english { color: #4b5563; font-style: italic; margin-top: 6px; }
.pa-conflict { border: 1px solid #f59e0b; background: #fffbeb; color: #78350f; border-radius: 8px;
  padding: 8px 12px; margin-top: 10px; }
.pa-conflict b { color: #b45309; }
.pa-conflict-src { margin-top: 4px; font-size: 13px; color: #92400e; }
.pa-cites { margin-top: 10px; display: flex; flex-direction: column; gap: 6px; }
.pa-cite { border: 1px solid #d1d5db; border-left: 4px solid #2563eb; border-radius: 6px; padding: 6px 10px;
  background: #f9fafb; color: #111827; font-size: 13.5px; }
.pa-cite-head { font-weight: 600; color: #1e3a8a; }
.pa-cite-no { display: inline-block; min-width: 2em; color: #2563eb; }
.pa-cite-loc { color: #374151; font-weight: 500; margin-left: 6px; }
.pa-cite-text { margin-top: 3px; color: #1f2937; }
.pa-units { margin-top: 5px; padding-top: 4px; border-top: 1px dashed #d1d5db; font-size: 13px; }
.pa-u { display: flex; gap: 8px; align-items: baseline; }
.pa-k { flex: none; min-width: 6em; color: #6b7280; font-size: 12px; }
.pa-canon span:last-child { color: #065f46; }
.pa-page { margin-top: 5px; font-size: 13px; }
.pa-page summary { cursor: pointer; color: #1d4ed8; }
.pa-page img { display: block; width: min(100%, 900px) !important; max-width: 100% !important; height: auto !important;
  max-height: none !important; margin-top: 4px; border: 1px solid #d1d5db; }
.pa-meta { color: #9ca3af; font-size: 12px; margin-top: 6px; }
.pa-error { color: #b91c1c; }
.pa-notice { margin: 4px 0; font-size: 15px; }
.pa-notice-warn { color: #92400e; background: #fffbeb; border: 1px solid #fcd34d; border-radius: 6px;
  padding: 6px 10px; }
.pa-rt { border-collapse: collapse; width: 100%; font-size: 14px; }
.pa-rt th, .pa-rt td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left;
  vertical-align: top; }
.pa-rt th { background: #f3f4f6; white-space: nowrap; }
.pa-rt td { overflow-wrap: anywhere; }
.pa-rt-tasks td:nth-child(1), .pa-rt-tasks td:nth-child(2) { min-width: 8em; }
.pa-rt-tasks td:nth-child(4), .pa-rt-tasks td:nth-child(5) { min-width: 8.5em; }
.pa-sub, .pa-asw { color: #6b7280; font-size: 12.5px; }
.pa-asw { margin-top: 2px; }
.pa-none { color: #9ca3af; }
.pa-status-ok { color: #047857; font-weight: 600; }
.pa-status-err { color: #b91c1c; font-weight: 600; }
.pa-examples button { white-space: normal !important; height: auto !important; }
@media (max-width: PHONE_MAXpx) {
  .pa-rt thead { display: none; }
  table.pa-rt { border: none; }
  .pa-rt, .pa-rt tbody, .pa-rt tr, .pa-rt td { display: block; width: auto; }
  .pa-rt tr { border: 1px solid #d1d5db; border-left: 4px solid #2563eb; border-radius: 6px; margin: 0 0 10px;
    padding: 6px 10px; background: #f9fafb; }
  .pa-rt td { border: none; padding: 2px 0; min-width: 0 !important; }
  .pa-rt td::before { content: attr(data-label); display: block; color: #6b7280; font-size: 12px; }
}
""".replace("PHONE_MAX", str(PHONE_MAX))
