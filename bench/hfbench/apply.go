package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"time"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/internal/gen"
)

// applyCmd times `hexform apply` against the file target next to `hexform
// plan` of the same file and state, interleaved in one run: the workspace
// of the given size applied to an empty state (every item a create) or to
// the generated current state. Each apply starts from a fresh copy of the
// state. Every deletion is confirmed (--allow-delete --force).
func applyCmd(args []string) error {
	fs := flag.NewFlagSet("apply", flag.ExitOnError)
	bin := fs.String("bin", "bin/hexform", "hexform binary")
	before := fs.String("before", "", "another hexform binary (an earlier build) whose apply is timed in the same runs")
	dir := fs.String("dir", "bench/out/apply", "scratch directory")
	runs := fs.Int("runs", 5, "timed runs of each")
	empty := fs.Bool("empty", false, "apply to an empty state instead of the generated current one")
	scale, seed := sizeFlags(fs)
	_ = fs.Parse(args)
	ws, state, env, err := applyFiles(*dir, *scale, *seed, *empty)
	if err != nil {
		return err
	}
	plan := []string{"plan", "-f", ws, "--target", "file:" + state, "--no-color"}
	work := filepath.Join(*dir, "run")
	runState := filepath.Join(work, "state.json")
	apply := []string{"apply", "--auto-approve", "--allow-delete", "--force", "--no-color", "-f", ws,
		"--target", "file:" + runState, "--journal", filepath.Join(work, "journal.jsonl")}
	bins := []string{*bin}
	if *before != "" {
		bins = append(bins, *before)
	}
	var pr []result
	ar := make([][]result, len(bins))
	var applied, writes int
	for i := -1; i < *runs; i++ { // run -1 warms the page cache
		p, err := runBin(*bin, env, plan, 0)
		if err != nil {
			return err
		}
		for j, b := range bins {
			if err := freshState(work, state, *empty); err != nil {
				return err
			}
			a, err := runBin(b, env, apply, 0)
			if err != nil {
				return err
			}
			if i < 0 {
				continue
			}
			if j == 0 {
				if applied, writes, err = applyOutcome(work); err != nil {
					return err
				}
			}
			ar[j] = append(ar[j], a)
		}
		if i >= 0 {
			pr = append(pr, p)
		}
	}
	printFileApply(*scale, *empty, bins, pr, ar, applied, writes)
	return nil
}

// applyFiles writes the workspace (and, unless empty, the current state)
// of the size into dir, and returns their paths and the environment that
// resolves every secret the file refers to.
func applyFiles(dir string, scale int, seed uint64, empty bool) (ws, state string, env []string, err error) {
	g, err := gen.Generate(gen.Small.Times(scale), seed)
	if err != nil {
		return "", "", nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", nil, err
	}
	ws, state = filepath.Join(dir, "workspace.yaml"), filepath.Join(dir, "state.json")
	if err := os.WriteFile(ws, g.YAML, 0o644); err != nil {
		return "", "", nil, err
	}
	_ = os.Remove(state)
	if !empty {
		if err := filetarget.WriteSnapshot(state, g.Current); err != nil {
			return "", "", nil, err
		}
	}
	env = os.Environ()
	for _, m := range secretEnv.FindAllSubmatch(g.YAML, -1) {
		env = append(env, string(m[1])+"=bench-secret-value")
	}
	return ws, state, env, nil
}

var secretEnv = regexp.MustCompile(`\{env: ([A-Z0-9_]+)\}`)

// freshState empties work and copies the state into it (none when empty).
func freshState(work, state string, empty bool) error {
	if err := os.RemoveAll(work); err != nil {
		return err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if empty {
		return nil
	}
	data, err := os.ReadFile(state)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(work, "state.json"), data, 0o644)
}

// applyOutcome reads, after an apply, how many changes the journal records
// as applied and how many writes the state's revision counts.
func applyOutcome(work string) (applied, writes int, err error) {
	data, err := os.ReadFile(filepath.Join(work, "state.json"))
	if err != nil {
		return 0, 0, err
	}
	var st struct{ Revision int }
	if err := json.Unmarshal(data, &st); err != nil {
		return 0, 0, err
	}
	j, err := os.ReadFile(filepath.Join(work, "journal.jsonl"))
	if err != nil {
		return 0, 0, err
	}
	applied = len(regexp.MustCompile(`"result":"applied"`).FindAll(j, -1))
	return applied, st.Revision, nil
}

// runBin runs the binary with env; an exit code other than 0 or ok fails.
func runBin(bin string, env, args []string, ok int) (result, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	r := result{wall: time.Since(start)}
	if ee, isExit := err.(*exec.ExitError); err != nil && (!isExit || ee.ExitCode() != ok) {
		return r, fmt.Errorf("%s %v: %w\n%s", bin, args, err, tail(out))
	}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, isRU := cmd.ProcessState.SysUsage().(*syscall.Rusage); isRU {
		r.maxRSS, r.written = ru.Maxrss, ru.Oublock*512
	}
	return r, nil
}

func tail(b []byte) []byte {
	if len(b) > 2000 {
		return b[len(b)-2000:]
	}
	return b
}

func printFileApply(scale int, empty bool, bins []string, pr []result, ar [][]result, applied, writes int) {
	from := "the generated current state"
	if empty {
		from = "an empty state"
	}
	fmt.Printf("Apply to %s at %d users (%d changes applied, %d state writes), %d runs interleaved with plan:\n\n",
		from, scale*100, applied, writes, len(pr))
	fmt.Printf("| measurement | min | median | max | / plan median |\n|---|---|---|---|---|\n")
	pw, pc := summarize(walls(pr)), summarize(cpus(pr))
	row := func(name string, s stats, base time.Duration) {
		fmt.Printf("| %s | %s | %s | %s | %.1f |\n", name, ms(s.min), ms(s.median), ms(s.max), float64(s.median)/float64(base))
	}
	row("`hexform plan` wall", pw, pw.median)
	row("`hexform plan` CPU (user+sys)", pc, pc.median)
	for j, b := range bins {
		name := "`hexform apply`"
		if j > 0 {
			name += ", before (" + filepath.Base(b) + ")"
		}
		row(name+" wall", summarize(walls(ar[j])), pw.median)
		row(name+" CPU (user+sys)", summarize(cpus(ar[j])), pc.median)
	}
	fmt.Println()
	for j, b := range bins {
		var written []int64
		for _, r := range ar[j] {
			written = append(written, r.written)
		}
		fmt.Printf("%s: storage written %.1f MB (getrusage, median), peak RSS %.0f MB (plan %.0f MB)\n",
			filepath.Base(b), float64(summarize(bytesAsDurations(written)).median)/1e6, float64(maxRSS(ar[j]))/1024, float64(maxRSS(pr))/1024)
	}
}

func walls(rs []result) (ds []time.Duration) {
	for _, r := range rs {
		ds = append(ds, r.wall)
	}
	return ds
}

func cpus(rs []result) (ds []time.Duration) {
	for _, r := range rs {
		ds = append(ds, r.cpu)
	}
	return ds
}

func maxRSS(rs []result) (m int64) {
	for _, r := range rs {
		m = max(m, r.maxRSS)
	}
	return m
}

// bytesAsDurations lets summarize order byte counts.
func bytesAsDurations(bs []int64) (ds []time.Duration) {
	for _, b := range bs {
		ds = append(ds, time.Duration(b))
	}
	return ds
}
