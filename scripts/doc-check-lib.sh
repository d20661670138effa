# Shared by the scripts that run a document's examples as written (readme-check.sh, walkthrough-check.sh): the
# PASS/FAIL tally, waits with a deadline, and the shell block after a marker. Sourced, not run.

failures=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# doc_block FILE KIND NAME: the shell lines of the block after the marker `<!-- KIND: NAME -->` in FILE.
doc_block() {
  awk -v marker="<!-- $2: $3 -->" '
    $0 == marker { found = 1; next }
    found && /^```sh/ { inside = 1; next }
    inside && /^```/ { exit }
    inside { print }' "$1"
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds, or fail after SECONDS.
wait_for() {
  local limit=$1 i; shift
  for ((i = 0; i < limit * 5; i++)); do "$@" && return 0; sleep 0.2; done
  return 1
}
