package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hexform/hexform/schema"
)

// decoders are the yaml.v3 baselines: the same file decoded by yaml.v3
// alone, to a node tree (what schema.Parse starts from), to the schema's
// own Go types (yaml tags, no positions, no checks), and to map[string]any.
var decoders = []struct {
	name string
	f    func([]byte) error
}{
	{"yaml.v3 -> yaml.Node", func(b []byte) error { var n yaml.Node; return yaml.Unmarshal(b, &n) }},
	{"yaml.v3 -> schema.Workspace", func(b []byte) error { var w schema.Workspace; return yaml.Unmarshal(b, &w) }},
	{"yaml.v3 -> map[string]any", func(b []byte) error { var m map[string]any; return yaml.Unmarshal(b, &m) }},
}

func planCmd(args []string) error {
	fs := flag.NewFlagSet("plan", flag.ExitOnError)
	bin := fs.String("bin", "bin/hexform", "hexform binary")
	before := fs.String("before", "", "another hexform binary (an earlier build) timed in the same runs")
	dir := fs.String("dir", "bench/out", "directory holding workspace.yaml and state.json")
	runs := fs.Int("runs", 10, "timed runs of each")
	_ = fs.Parse(args)
	file := filepath.Join(*dir, "workspace.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	plan := []string{"plan", "-f", file, "--target", "file:" + filepath.Join(*dir, "state.json"), "--no-color"}
	procs := []proc{{"`hexform plan` (whole process)", *bin, plan, nil}}
	if *before != "" {
		procs = append(procs, proc{"`hexform plan`, before (" + filepath.Base(*before) + ")", *before, plan, nil})
	}
	procs = append(procs, proc{"yaml.v3 -> yaml.Node (own process: `hfbench decode`)", self, []string{"decode", file}, nil})
	for _, p := range procs { // warm the page cache
		if _, err := runPlan(p.bin, p.args); err != nil {
			return err
		}
	}
	base := make([][]time.Duration, len(decoders))
	for range *runs {
		for i := range procs {
			if err := procs[i].run(); err != nil {
				return err
			}
		}
		for i, dec := range decoders {
			start := time.Now()
			if err := dec.f(data); err != nil {
				return fmt.Errorf("%s: %w", dec.name, err)
			}
			base[i] = append(base[i], time.Since(start))
		}
	}
	printPlan(procs, base, *runs, len(data))
	return nil
}

// proc is a process timed in each run, with the results so far.
type proc struct {
	name string
	bin  string
	args []string
	rs   []result
}

func (p *proc) run() error {
	r, err := runPlan(p.bin, p.args)
	p.rs = append(p.rs, r)
	return err
}

func printPlan(procs []proc, base [][]time.Duration, runs, size int) {
	p := summarize(walls(procs[0].rs))
	fmt.Printf("%.1f MB file, %d runs interleaved; the ratio is the first row's median over the row's\n\n", float64(size)/1e6, runs)
	fmt.Printf("| measurement | min | median | max | plan median / this median | peak RSS (max) | CPU median |\n|---|---|---|---|---|---|---|\n")
	for _, q := range procs {
		s := summarize(walls(q.rs))
		fmt.Printf("| %s | %s | %s | %s | %.2f | %.0f MB | %s |\n", q.name, ms(s.min), ms(s.median), ms(s.max),
			float64(p.median)/float64(s.median), float64(maxRSS(q.rs))/1024, ms(summarize(cpus(q.rs)).median))
	}
	for i, dec := range decoders {
		s := summarize(base[i])
		fmt.Printf("| %s (in-process) | %s | %s | %s | %.2f | | |\n", dec.name, ms(s.min), ms(s.median), ms(s.max), float64(p.median)/float64(s.median))
	}
	node := procs[len(procs)-1].rs
	fmt.Printf("\nPeak RSS of `hexform plan` / `hfbench decode`: %.2f\n", float64(maxRSS(procs[0].rs))/float64(maxRSS(node)))
}

// decodeCmd is the yaml.v3 baseline as a process of its own, to set
// against the whole `hexform plan` process: read the file and decode it to
// a yaml.Node tree, and nothing else.
func decodeCmd(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: hfbench decode FILE")
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var n yaml.Node
	return yaml.Unmarshal(data, &n)
}

// result is one run of the binary.
type result struct {
	wall, cpu time.Duration
	maxRSS    int64 // KB
	written   int64 // bytes written to storage (getrusage's block outputs)
}

// runPlan runs the binary once and returns its wall time, CPU time and peak
// RSS. plan exits 0 (no --detailed-exitcode); anything else is an error.
func runPlan(bin string, args []string) (result, error) {
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{wall: time.Since(start)}
	if err != nil {
		return r, fmt.Errorf("%s %v: %w\n%s", bin, args, err, stderr.String())
	}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	return r, nil
}
