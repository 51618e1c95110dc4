package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/hexform/hexform/schema"
)

// marshalHash is the plan hash as json.Marshal makes its input: what Hash
// must give, byte for byte.
func marshalHash(t *testing.T, p *Plan) string {
	t.Helper()
	type hashedChange struct {
		ID         string   `json:"id"`
		Action     Action   `json:"action"`
		Kind       Kind     `json:"kind"`
		Name       string   `json:"name"`
		ResourceID string   `json:"resource_id"`
		Risk       Risk     `json:"risk"`
		Mode       Mode     `json:"mode"`
		Fields     []Field  `json:"fields"`
		DependsOn  []string `json:"depends_on"`
	}
	type hashed struct {
		Version string         `json:"version"`
		Target  string         `json:"target"`
		Dir     string         `json:"dir"`
		Changes []hashedChange `json:"changes"`
		Policy  *PolicyInputs  `json:"policy"`
	}
	in := hashed{Version: hashVersion, Target: p.Target, Dir: filepath.Dir(p.SourceFile()), Policy: p.Policy, Changes: make([]hashedChange, 0, len(p.Changes))}
	for _, c := range p.Changes {
		if c.Mode != ModeUnverifiable {
			in.Changes = append(in.Changes, hashedChange{c.ID, c.Action, c.Kind, c.Name, c.ResourceID, c.Risk, c.Mode, c.Fields, c.DependsOn})
		}
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Hash writes its input itself; it is the hash of what json.Marshal makes
// of it, for every golden plan and for random plans whose values are
// strings that need escaping (HTML, quotes, control characters, invalid
// UTF-8, U+2028), numbers, nested lists and maps, typed values and nils.
func TestHashIsTheMarshalledInputsHash(t *testing.T) {
	for _, dir := range caseDirs(t) {
		ws, snap := loadCase(t, dir)
		p := Diff(ws, snap, Options{Target: "file:current.json"})
		if got, want := p.Hash(), marshalHash(t, p); got != want {
			t.Errorf("%s: Hash %s, json.Marshal's %s", dir, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(5, 2026))
	for trial := range 500 {
		p := randomHashPlan(rng)
		if got, want := p.Hash(), marshalHash(t, p); got != want {
			t.Fatalf("trial %d: Hash %s, json.Marshal's %s for %+v", trial, got, want, p)
		}
	}
}

var hashStrings = []string{"", "plain", "a<b>&c", `q"uote`, `back\\slash`, "tab\there", "nl\n", "\x01\x1f", "é ü 漢", "\u2028\u2029", "bad\xff\xfeutf8", "\x7f", "emoji 🎉"}

func randomHashValue(rng *rand.Rand, depth int) any {
	switch n := rng.IntN(12); {
	case n == 0:
		return nil
	case n < 4:
		return hashStrings[rng.IntN(len(hashStrings))]
	case n == 4:
		return rng.IntN(2) == 0
	case n == 5:
		return []float64{0, 1.5, 5432, 1e21, 1e-7, -0.0}[rng.IntN(6)]
	case n == 6:
		return rng.IntN(100000)
	case n == 7:
		return schema.Role("editor")
	case n == 8 && depth < 3:
		var l []string
		for range rng.IntN(4) {
			l = append(l, hashStrings[rng.IntN(len(hashStrings))])
		}
		return l
	case n == 9 && depth < 3:
		l := []any{}
		for range rng.IntN(4) {
			l = append(l, randomHashValue(rng, depth+1))
		}
		return l
	case n == 10 && depth < 3:
		m := map[string]any{}
		for range rng.IntN(4) {
			m[hashStrings[rng.IntN(len(hashStrings))]] = randomHashValue(rng, depth+1)
		}
		return m
	}
	return []string(nil)
}

func randomHashPlan(rng *rand.Rand) *Plan {
	s := func() string { return hashStrings[rng.IntN(len(hashStrings))] }
	p := &Plan{Target: s(), Source: s() + "/workspace.yaml"}
	if rng.IntN(3) > 0 {
		p.Policy = &PolicyInputs{Confirm: []string{s()}, Renames: map[string]string{s(): s()}}
	}
	for i := range rng.IntN(5) {
		c := Change{ID: fmt.Sprint(s(), i), Action: Action(s()), Kind: Kind(s()), Name: s(), ResourceID: s(), Risk: Risk(s()), Mode: []Mode{ModeUnverifiable, "", Mode(s())}[rng.IntN(3)]}
		for range rng.IntN(3) {
			c.Fields = append(c.Fields, Field{Path: s(), Before: randomHashValue(rng, 0), After: randomHashValue(rng, 0), Sensitive: rng.IntN(2) == 0})
		}
		if rng.IntN(2) == 0 {
			c.DependsOn = []string{s(), s()}
		}
		p.Changes = append(p.Changes, c)
	}
	return p
}
