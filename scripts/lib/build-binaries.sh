# The one way the scripts build the debug `tend` and `tend-bench`: the same cargo invocation's
# features as the test run (`--workspace --tests`), so after `cargo nextest run --workspace` it
# compiles nothing. A narrower `cargo build -p tend` resolves dependencies' features differently
# and rebuilds hundreds of crates once more: minutes on a fresh checkout.
#
#   source scripts/lib/build-binaries.sh && build_binaries [-q]
build_binaries() {
  cargo build --workspace --tests --bins --locked "$@"
}
