#!/bin/sh
# Regenerates twocol.pdf from twocol.ms: groff -ms, two columns, a running
# header, page numbers in the footer, PDF bookmarks (pdfmark) and a table
# of contents with dot leaders. Needs the Debian package groff (gropdf).
set -eu
cd "$(dirname "$0")"
groff -ms -Tpdf twocol.ms > twocol.pdf

# debian-reference-ja-1-3.pdf is printed pages 1-3 (PDF pages 29-31) of
# the Japanese Debian Reference, cut with qpdf (Debian package qpdf), which
# keeps the Title metadata and the outline, from the Debian package
# debian-reference-ja 2.100 (run when it is installed):
#   qpdf /usr/share/debian-reference/debian-reference.ja.pdf \
#     --pages . 29-31 -- debian-reference-ja-1-3.pdf
