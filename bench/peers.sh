# Sourced by the bench scripts: the peers and tools they run side by side
# with dagbok, with the Debian package that has each.
#
#   . bench/peers.sh; need_tools ledger hledger bc /usr/bin/time
need_tools() {
  missing=""
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 && continue
    case "$t" in
      /usr/bin/time) missing="$missing time" ;;
      *) missing="$missing $t" ;;
    esac
  done
  if [ -n "$missing" ]; then
    echo "the benchmark needs the Debian packages:$missing" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
  fi
}
