# Shared by the crash and backup checks: wait until the crash writer ($2, a pid) has logged at
# least $3 acknowledged answers to the file $1. The writers log in one by one first (argon2), which
# takes a while on a busy machine, so a fixed sleep is not enough. Fails if the writers stop.
wait_for_acks() {
  local log=$1 writers=$2 wanted=$3
  for _ in $(seq 1200); do
    [ "$(wc -l <"$log")" -ge "$wanted" ] && return 0
    kill -0 "$writers" 2>/dev/null || { echo "the writers stopped before $wanted answers" >&2; return 1; }
    sleep 0.1
  done
  echo "no $wanted acknowledged answers within 2 minutes" >&2
  return 1
}
