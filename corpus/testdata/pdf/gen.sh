#!/bin/sh
# Regenerates twocol.pdf from twocol.ms: groff -ms, two columns, a running
# header, page numbers in the footer, PDF bookmarks (pdfmark) and a table
# of contents with dot leaders. Needs the Debian package groff (gropdf).
set -eu
cd "$(dirname "$0")"
groff -ms -Tpdf twocol.ms > twocol.pdf
