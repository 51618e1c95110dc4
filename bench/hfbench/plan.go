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
	dir := fs.String("dir", "bench/out", "directory holding workspace.yaml and state.json")
	runs := fs.Int("runs", 10, "timed runs of each")
	_ = fs.Parse(args)
	file := filepath.Join(*dir, "workspace.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	plan := []string{"plan", "-f", file, "--target", "file:" + filepath.Join(*dir, "state.json"), "--no-color"}
	if _, err := runPlan(*bin, plan); err != nil { // warm the page cache
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var wall, cpu, nodeWall []time.Duration
	var rss, nodeRSS int64
	base := make([][]time.Duration, len(decoders))
	for range *runs {
		r, err := runPlan(*bin, plan)
		if err != nil {
			return err
		}
		wall, cpu, rss = append(wall, r.wall), append(cpu, r.cpu), max(rss, r.maxRSS)
		n, err := runPlan(self, []string{"decode", file})
		if err != nil {
			return err
		}
		nodeWall, nodeRSS = append(nodeWall, n.wall), max(nodeRSS, n.maxRSS)
		for i, dec := range decoders {
			start := time.Now()
			if err := dec.f(data); err != nil {
				return fmt.Errorf("%s: %w", dec.name, err)
			}
			base[i] = append(base[i], time.Since(start))
		}
	}
	p := summarize(wall)
	fmt.Printf("| measurement (%d runs, interleaved) | min | median | max | plan median / this median |\n|---|---|---|---|---|\n", *runs)
	fmt.Printf("| `hexform plan` (whole process, %.1f MB file) | %s | %s | %s | 1.00 |\n", float64(len(data))/1e6, ms(p.min), ms(p.median), ms(p.max))
	for i, dec := range decoders {
		s := summarize(base[i])
		fmt.Printf("| %s (in-process) | %s | %s | %s | %.2f |\n", dec.name, ms(s.min), ms(s.median), ms(s.max), float64(p.median)/float64(s.median))
	}
	n := summarize(nodeWall)
	fmt.Printf("| yaml.v3 -> yaml.Node (own process: `hfbench decode`) | %s | %s | %s | %.2f |\n", ms(n.min), ms(n.median), ms(n.max), float64(p.median)/float64(n.median))
	c := summarize(cpu)
	fmt.Printf("| `hexform plan` CPU time (user+sys) | %s | %s | %s | |\n", ms(c.min), ms(c.median), ms(c.max))
	fmt.Printf("\nPeak RSS (max over the runs, getrusage): `hexform plan` %.0f MB, `hfbench decode` %.0f MB (%.2fx)\n",
		float64(rss)/1024, float64(nodeRSS)/1024, float64(rss)/float64(nodeRSS))
	return nil
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
