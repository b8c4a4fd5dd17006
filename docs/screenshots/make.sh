#!/usr/bin/env bash
# Regenerates docs/screenshots/: every page type (the lists in tests/LlmCourse.BrowserTests/Layout/EveryPageTests.cs)
# on a phone (390 px) and a desktop (1366 px), light and dark, as <page>-<phone|desktop>-<light|dark>.jpg.
# The same run checks every page at 320, 390 and 1366 px (no sideways scroll, content above 300 px, axe).
# Needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium); nothing is downloaded.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/docs/screenshots"
find "$out" -maxdepth 1 -name '*.jpg' -delete
LLMCOURSE_SCREENSHOTS="$out" dotnet test "$root/tests/LlmCourse.BrowserTests" \
  --filter "FullyQualifiedName~LlmCourse.BrowserTests.Layout.EveryPageTests"
echo "Screenshots written to $out: $(find "$out" -maxdepth 1 -name '*.jpg' | wc -l) files"
