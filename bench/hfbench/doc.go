// Command hfbench is the harness bench/run.sh (make bench) drives for the
// measurements `go test -bench` cannot make:
//
//	hfbench files -dir DIR            write DIR/workspace.yaml and DIR/state.json (internal/gen, the reference size)
//	hfbench plan -bin BIN -dir DIR    time `BIN plan -f DIR/workspace.yaml --target file:DIR/state.json`
//	                                  (wall clock and peak RSS of each run) against yaml.v3 decoding
//	                                  the same file in-process and in a process of its own
//	                                  (hfbench decode FILE), interleaved in the same run
//	hfbench apply -bin BIN [-empty]   time `BIN apply` against the file target (wall clock, CPU time,
//	                                  storage written) next to `BIN plan` of the same file and state,
//	                                  interleaved; -empty starts from no state (every item a create)
//	hfbench api                       count the Hex API requests of plan and apply against an
//	                                  in-process hexsim (httptest), compare them with the minimum
//	                                  the API allows, and time apply at 50 ms latency
//
// Each prints a Markdown table to stdout for BENCHMARKS.md.
package main
