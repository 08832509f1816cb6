#!/usr/bin/env bash
# Install the Debian packages the book needs beyond Python, as listed in
# tools/debian-packages.txt: TeX Live for the Japanese PDF (uplatex + dvipdfmx
# through latexmk), the charts' font, poppler for the PDF checks, epubcheck (Java)
# for the EPUB, Chromium for the browser tests.
#
#   tools/system-deps.sh          install what is missing (root), or print the
#                                 exact apt-get line and exit 1 (non-root)
#   tools/system-deps.sh --check  only report what is missing; exit 1 if anything is
#   tools/system-deps.sh PKG...   the same for these packages of the list only (a web
#                                 build needs the charts' font alone: `make html`)
set -euo pipefail

check=""
wanted=()
for arg in "$@"; do
  if [ "$arg" = "--check" ]; then check=1; else wanted+=("$arg"); fi
done

# The list is tools/debian-packages.txt (one package a line, "#" and why);
# `dpkg-query` keeps the check fast on a ready machine.
# The tests set BOOK_APT_PACKAGES to a package that does not exist to see the
# non-root message (and run a copy of this script without the list beside it).
if [ -n "${BOOK_APT_PACKAGES:-}" ]; then
  read -r -a packages <<< "$BOOK_APT_PACKAGES"
else
  list="$(dirname "${BASH_SOURCE[0]}")/debian-packages.txt"
  [ -r "$list" ] || { echo "system-deps.sh: cannot read $list" >&2; exit 1; }
  mapfile -t packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's/[[:space:]]//g' "$list")
  for pkg in "${wanted[@]}"; do
    [[ " ${packages[*]} " == *" $pkg "* ]] \
      || { echo "system-deps.sh: $pkg is not in $list" >&2; exit 1; }
  done
  if [ ${#wanted[@]} -gt 0 ]; then packages=("${wanted[@]}"); fi
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

if [ -n "$check" ]; then
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
