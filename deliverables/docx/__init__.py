"""The report as an editable Word document (python-docx): the same content as the PDF.

`report_docx(snapshot=…, organization=…, lang=…, review=None)` prints what
`assessments.reports.context.report_context` gives the PDF, with real Heading 1/2/3 styles (Word's
navigation pane), tables for the scores, comparisons and the plan, the charts as PNG images at print
resolution, the firm's branding, and, with a `review`, the consultant's summary, conclusions, plan
(responsible person, due date, status) and notes.

Nothing here fetches a URL: the logo is read from the firm's storage, the charts are rasterised from
the server-made SVG through the report's render process (WeasyPrint with the safe fetcher, then
pypdfium2), and python-docx escapes every text it writes.

One module per job: `writer` (the document's set-up and its sections in order), `opening` (cover and
executive summary), `findings` (domains, study comparison, AI governance), `plan` (the action plan
section), `annex` (appendix of answers, methodology), `blocks` (headings, paragraphs, tables and
pictures in the report's style), `charts` (SVG charts to PNG), `branding` (the firm's logo and
colour), `labels` (texts only the Word report prints) and `ooxml` (XML-safe text and the raw Word XML
python-docx has no API for).
"""

from deliverables.docx.writer import report_docx

__all__ = ["report_docx"]
