# Sourced by bin/platform and .ci/run: points JAVA_HOME (and PATH) at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest JDK 21+ it finds in the usual
# places. Fails with a message that says what to install when there is none.

music_jdk_major() {
  # Prints the major version of the JDK at $1 (from its release file), or nothing.
  local release="$1/release"
  [ -r "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

music_pick_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(music_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(music_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

if music_home=$(music_pick_jdk) && [ -n "$music_home" ]; then
  export JAVA_HOME="$music_home"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  echo "No JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
  echo "Install one (for example Temurin 21 or 25) and point JAVA_HOME at it." >&2
  return 1 2>/dev/null || exit 1
fi
unset music_home
