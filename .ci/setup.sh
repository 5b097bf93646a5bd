#!/bin/sh
# Installs everything huibao needs on a fresh Debian/Ubuntu machine with Node.js 20: the npm
# dependencies, a Chromium when none is found, poppler-utils (pdffonts, pdftotext) that the test
# suite uses to read PDFs back the way a print shop does, and LibreOffice Impress, the office suite
# the tests open deck.pptx with. Safe to run again: it skips what is there.
set -eu
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm ci --no-audit --no-fund
fi

need=""
browser_found() {
  [ -n "${HUIBAO_BROWSER:-}" ] && return 0
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && return 0
  [ -n "${CHROME_PATH:-}" ] && return 0
  for b in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome-stable /usr/bin/google-chrome \
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
    [ -x "$b" ] && return 0
  done
  return 1
}
browser_found || need="$need chromium"
command -v pdffonts >/dev/null 2>&1 || need="$need poppler-utils"
# MuPDF reads the finished PDFs back as a second, independent parser (test/export/pdf-incremental.test.ts)
command -v mutool >/dev/null 2>&1 || need="$need mupdf-tools"

if [ -n "$need" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install:$need (no apt-get here); or set HUIBAO_BROWSER to a Chrome/Chromium" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian packages:$need"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
fi

# LibreOffice Impress without its recommended packages (Java, the other office programs): the tests
# only convert deck.pptx to PDF with it, headless.
if ! command -v soffice >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install LibreOffice Impress (soffice) for the deck.pptx tests (no apt-get here)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian packages: libreoffice-impress"
  [ -n "$need" ] || $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libreoffice-impress >/dev/null
fi

# The CLI runs compiled JavaScript (dist/); npm ci builds it through `prepare`, this keeps it current.
npm run -s build
