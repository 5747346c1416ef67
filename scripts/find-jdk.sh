#!/usr/bin/env bash
# Prints the home directory of a JDK (not just a JRE: the build needs javac) whose version is at
# least MIN (default 21). Tries $JAVA_HOME first, then every JDK under /usr/lib/jvm and the one
# behind `java` on the PATH, and picks the newest. Exits 1 with a hint when there is none.
#
#   JAVA_HOME="$(scripts/find-jdk.sh)"        JAVA_HOME="$(scripts/find-jdk.sh 25)"
set -euo pipefail

min_version="${1:-21}"

# Major version of the JDK at $1, e.g. 21 or 25 ("1.8.0_x" -> 8); empty if it is not a JDK.
jdk_major() {
  local home="$1" line
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  line="$("$home/bin/java" -version 2>&1 | head -n 1)" || return 0
  [[ "$line" =~ \"([0-9]+)(\.([0-9]+))? ]] || return 0
  if [[ "${BASH_REMATCH[1]}" == 1 ]]; then echo "${BASH_REMATCH[3]}"; else echo "${BASH_REMATCH[1]}"; fi
}

if [[ -n "${JAVA_HOME:-}" ]]; then
  major="$(jdk_major "$JAVA_HOME")"
  if [[ -n "$major" && "$major" -ge "$min_version" ]]; then
    echo "$JAVA_HOME"
    exit 0
  fi
fi

candidates=(/usr/lib/jvm/*/)
if command -v java >/dev/null 2>&1; then
  java_bin="$(readlink -f "$(command -v java)")"
  candidates+=("$(dirname "$(dirname "$java_bin")")")
fi

best_home="" best_major=0
for home in "${candidates[@]}"; do
  home="${home%/}"
  [[ -d "$home" ]] || continue
  major="$(jdk_major "$home")"
  if [[ -n "$major" && "$major" -ge "$min_version" && "$major" -gt "$best_major" ]]; then
    best_home="$home" best_major="$major"
  fi
done

if [[ -z "$best_home" ]]; then
  {
    echo "No JDK >= $min_version found (looked at \$JAVA_HOME, /usr/lib/jvm/* and \`java\` on the PATH)."
    echo "Install one (e.g. \`apt-get install -y openjdk-21-jdk-headless\` on Ubuntu 22.04+ / Debian 13,"
    echo "or Temurin from https://adoptium.net) or point JAVA_HOME at a JDK >= $min_version."
  } >&2
  exit 1
fi
echo "$best_home"
