#!/usr/bin/env bash
# Install the Debian packages the book needs beyond Python: TeX Live for the
# Japanese PDF (uplatex + dvipdfmx through latexmk), poppler for the PDF checks,
# epubcheck (Java) for the EPUB, Chromium for the browser tests.
#
#   tools/system-deps.sh          install what is missing (root), or print the
#                                 exact apt-get line and exit 1 (non-root)
#   tools/system-deps.sh --check  only report what is missing; exit 1 if anything is
set -euo pipefail

# One package per line; `command -v` probes keep the check fast on a ready machine.
packages=(
  texlive-lang-japanese      # uplatex, dvipdfmx, pxjahyper, HaranoAji fonts
  texlive-latex-recommended  # Sphinx's LaTeX base
  texlive-latex-extra        # fncychap, titlesec, tabulary, capt-of, needspace ...
  texlive-fonts-recommended
  tex-gyre                   # Sphinx's default Latin fonts
  latexmk
  poppler-utils              # pdffonts, pdftotext, pdfinfo
  epubcheck
  chromium                   # browser tests (Playwright drives it by path)
  fonts-noto-cjk             # Japanese glyphs for Chromium and chart previews
  fonts-ipaexfont-gothic     # charts' Japanese font (TrueType, embeds cleanly in PDF)
)

# The tests point this at a package that does not exist to see the non-root message.
if [ -n "${BOOK_APT_PACKAGES:-}" ]; then
  read -r -a packages <<< "$BOOK_APT_PACKAGES"
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "${1:-}" = "--check" ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "The book needs Debian packages that are not installed. Run:" >&2
  echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
