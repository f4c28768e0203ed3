"""The letters of a case (issue 5 §4): 补正告知书, 延期答复告知书, 征求第三方意见函, 收费通知书 and
one 答复书 per decision type, from the agency's versioned templates, numbered per agency,
kind and year, rendered as DOCX and PDF after GB/T 9704 (docs/letters.md).

- ``defaults``: the default texts (version 1 of every agency's templates) and placeholders;
- ``render``: plain text, DOCX (python-docx) and PDF (WeasyPrint, embedded CJK font);
- ``services``: ``template_new_version``, ``letter_issue``;
- ``selectors``: reads that check permission.
"""
