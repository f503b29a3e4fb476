#!/usr/bin/env bash
# Adds the standard short Apache-2.0 header to every .java file of the repository that lacks it.
# Idempotent: a file whose first lines already carry the header is left alone. Afterwards turn the
# checkstyle rule on: <pagepool.license.header.check>error</pagepool.license.header.check> in the
# parent pom (config/license-header.regex is what it checks).
# Usage: tools/license-headers.sh [--check]   (--check: list files without the header, exit 1 if any)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
YEAR=${PAGEPOOL_COPYRIGHT_YEAR:-$(date -u +%Y)}

header() {
  cat <<HEADER
/*
 * Copyright $YEAR The pagepool Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
HEADER
}

has_header() { head -n 4 "$1" | grep -q 'Licensed under the Apache License, Version 2.0'; }

check=false
[ "${1:-}" = "--check" ] && check=true
missing=0 added=0
while IFS= read -r -d '' file; do
  has_header "$file" && continue
  missing=$((missing + 1))
  if $check; then
    echo "${file#"$ROOT"/}"
  else
    tmp=$(mktemp)
    { header; cat "$file"; } >"$tmp"
    cat "$tmp" >"$file"   # keeps the file's mode
    rm -f "$tmp"
    added=$((added + 1))
  fi
done < <(find "$ROOT" -name '*.java' -not -path '*/target/*' -not -path '*/.git/*' -print0)

if $check; then
  [ "$missing" -eq 0 ] || { echo "$missing file(s) without the Apache-2.0 header" >&2; exit 1; }
else
  echo "added the Apache-2.0 header to $added file(s)"
fi
