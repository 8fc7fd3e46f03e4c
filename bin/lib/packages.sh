# Installs the system packages a command needs when they are missing (bin/test, bin/bench web),
# with apt-get as root or through `sudo -n` (never a password prompt); otherwise prints the command to
# run and stops. A service that a package starts on installation is stopped again: the tests and
# benchmarks start their own servers on free ports.
#   REQUIRED_PACKAGES=(chromium=/usr/bin/chromium ...)   "<Debian package>=<file used from it>"
#   PACKAGES_USER="bin/test"                              who needs them, for the messages
#   ensure_packages
# The prefix that runs a command as root: set by install_packages.
as_root=()

say() {
  echo "$PACKAGES_USER: $*" >&2
}

# Prints the packages whose file is missing.
missing_packages() {
  local entry
  for entry in "${REQUIRED_PACKAGES[@]}"; do
    [ -e "${entry#*=}" ] || echo "${entry%%=*}"
  done
}

# A package's service may start on installation (Debian's prometheus has one, on port 9090).
stop_started_service() {
  local package="$1"
  if [ -d /run/systemd/system ]; then
    if systemctl is-active --quiet "$package" 2>/dev/null; then
      "${as_root[@]}" systemctl disable --now "$package"
      say "the $package package started its service: stopped and disabled it (systemctl disable --now $package)"
    fi
  elif [ -x "/etc/init.d/$package" ] && "/etc/init.d/$package" status >/dev/null 2>&1; then
    "${as_root[@]}" "/etc/init.d/$package" stop >/dev/null
    say "the $package package started its service: stopped it (/etc/init.d/$package stop)"
  fi
}

install_packages() {
  local packages=("$@") started package still_missing
  local install=(apt-get install -y --no-install-recommends "${packages[@]}")
  if ! command -v apt-get >/dev/null; then
    say "$PACKAGES_USER needs ${REQUIRED_PACKAGES[*]}, and this system has no apt-get: install ${packages[*]} with its package manager."
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    as_root=(env DEBIAN_FRONTEND=noninteractive)
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n DEBIAN_FRONTEND=noninteractive)
  else
    say "$PACKAGES_USER needs these packages, missing here: ${packages[*]}. Installing them needs root; run:"
    echo "  sudo ${install[*]}" >&2
    say "(if apt-get cannot find a package, run 'sudo apt-get update' first), then $PACKAGES_USER again."
    exit 1
  fi
  say "installing ${packages[*]}: ${install[*]}"
  started=$SECONDS
  # A fresh machine may have no package lists yet, or stale ones: refresh them only when needed.
  if ! "${as_root[@]}" "${install[@]}"; then
    say "the installation failed; updating the package lists and trying once more"
    "${as_root[@]}" apt-get update
    if ! "${as_root[@]}" "${install[@]}"; then
      say "could not install ${packages[*]}: see apt-get's messages above."
      exit 1
    fi
  fi
  say "installed ${packages[*]} in $((SECONDS - started)) s"
  for package in "${packages[@]}"; do
    stop_started_service "$package"
  done
  still_missing=$(missing_packages)
  if [ -n "$still_missing" ]; then
    say "still missing after the installation: $still_missing (expected: ${REQUIRED_PACKAGES[*]})"
    exit 1
  fi
}

ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -gt 0 ]; then
    install_packages "${missing[@]}"
  fi
}
