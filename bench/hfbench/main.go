package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/internal/gen"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: hfbench files|plan|apply|api [flags]")
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "files":
		err = filesCmd(args)
	case "plan":
		err = planCmd(args)
	case "api":
		err = apiCmd(args)
	case "apply":
		err = applyCmd(args)
	case "decode":
		err = decodeCmd(args)
	default:
		err = fmt.Errorf("unknown command %q", cmd)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hfbench:", err)
		os.Exit(1)
	}
}

// sizeFlag registers -scale (multiples of gen.Small; 100 is the reference size) and -seed.
func sizeFlags(fs *flag.FlagSet) (scale *int, seed *uint64) {
	return fs.Int("scale", 100, "size in multiples of gen.Small (100 = the reference size)"), fs.Uint64("seed", 1, "generator seed")
}

func filesCmd(args []string) error {
	fs := flag.NewFlagSet("files", flag.ExitOnError)
	dir := fs.String("dir", "bench/out", "output directory")
	scale, seed := sizeFlags(fs)
	_ = fs.Parse(args)
	g, err := gen.Generate(gen.Small.Times(*scale), *seed)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*dir, "workspace.yaml"), g.YAML, 0o644); err != nil {
		return err
	}
	return filetarget.WriteSnapshot(filepath.Join(*dir, "state.json"), g.Current)
}

// stats summarises durations.
type stats struct{ min, median, max time.Duration }

func summarize(ds []time.Duration) stats {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return stats{min: s[0], median: s[len(s)/2], max: s[len(s)-1]}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }
