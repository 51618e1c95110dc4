package filetarget

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

const secretValue = "pg-Secret-Value-4711"

func TestSecretsNeverStoredInClear(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	secretFile := filepath.Join(dir, "token.txt")
	if err := os.WriteFile(secretFile, []byte(secretValue+"-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := envResolver(map[string]string{"PGPASSWORD": secretValue})
	r.ReadFile, r.Dir = os.ReadFile, dir
	tg := New(path, r)
	c := chg(C, reconcile.KindConnection, "WH", fld("type", nil, "postgres"),
		fld("secrets.password", nil, "env:PGPASSWORD"), fld("secrets.token", nil, "file:token.txt"))
	if err := tg.Apply(context.Background(), c, r); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() == "token.txt" {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if strings.Contains(string(data), secretValue) {
			t.Errorf("%s holds the secret in clear", e.Name())
		}
	}
	s, _ := tg.Snapshot(context.Background())
	for field, fp := range s.Connections[0].Secrets {
		if !strings.HasPrefix(fp, FingerprintPrefix) || len(fp) != len(FingerprintPrefix)+64 {
			t.Errorf("secrets.%s = %q, want hmac-sha256:<64 hex>", field, fp)
		}
	}
	fi, err := os.Stat(KeyPath(path))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	// A failing resolution names the reference, not a value.
	bad := chg(U, reconcile.KindConnection, "WH", fld("secrets.password", nil, "env:UNSET_VAR"))
	err = tg.Apply(context.Background(), bad, r)
	if err == nil || !strings.Contains(err.Error(), "secret env:UNSET_VAR is not set") || strings.Contains(err.Error(), secretValue) {
		t.Errorf("err = %v", err)
	}
}

func TestFingerprintStableAndKeyed(t *testing.T) {
	dir := t.TempDir()
	r := envResolver(map[string]string{"PW": secretValue, "OTHER": "other"})
	pw := schema.SecretRef{Env: "PW"}
	a := New(filepath.Join(dir, "a.json"), r)
	apply := func(tg *Target) string {
		t.Helper()
		c := chg(C, reconcile.KindConnection, "WH", fld("secrets.password", nil, "env:PW"))
		if err := tg.Apply(context.Background(), c, r); err != nil {
			t.Fatal(err)
		}
		s, _ := tg.Snapshot(context.Background())
		return s.Connections[0].Secrets["password"]
	}
	stored := apply(a)
	// Stable: the same value fingerprints the same, through a fresh Target too.
	for _, tg := range []*Target{a, New(a.Path(), r)} {
		if fp, ok := tg.SecretFingerprint(pw); !ok || fp != stored {
			t.Errorf("fingerprint = %q, %v; want the stored %q", fp, ok, stored)
		}
	}
	if fp, _ := a.SecretFingerprint(schema.SecretRef{Env: "OTHER"}); fp == stored {
		t.Error("different values share a fingerprint")
	}
	// Keyed: another state's key gives another fingerprint of the same value.
	b := New(filepath.Join(dir, "b.json"), r)
	if other := apply(b); other == stored {
		t.Error("two states with their own keys share a fingerprint")
	}
	if _, ok := a.SecretFingerprint(schema.SecretRef{Env: "UNSET"}); ok {
		t.Error("fingerprint of an unresolvable secret")
	}
	if _, ok := New(a.Path(), nil).SecretFingerprint(pw); ok {
		t.Error("fingerprint without a resolver")
	}
}

func TestLostKeyMeansSecretsLookChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	r := envResolver(map[string]string{"PW": secretValue})
	tg := New(path, r)
	if err := tg.Apply(context.Background(), chg(C, reconcile.KindConnection, "WH", fld("secrets.password", nil, "env:PW")), r); err != nil {
		t.Fatal(err)
	}
	s, _ := tg.Snapshot(context.Background())
	stored := s.Connections[0].Secrets["password"]
	if err := os.Remove(KeyPath(path)); err != nil {
		t.Fatal(err)
	}
	fresh := New(path, r)
	planned, ok := fresh.SecretFingerprint(schema.SecretRef{Env: "PW"})
	if !ok || planned == stored {
		t.Fatalf("after losing the key: fingerprint %q, %v; want one that differs from %q", planned, ok, stored)
	}
	if _, err := os.Stat(KeyPath(path)); !os.IsNotExist(err) {
		t.Error("SecretFingerprint wrote a key file at plan time")
	}
	// Apply sets the secret again with the key the plan used, and keeps it.
	if err := fresh.Apply(context.Background(), chg(U, reconcile.KindConnection, "WH", fld("secrets.password", stored, "env:PW")), r); err != nil {
		t.Fatal(err)
	}
	s, _ = fresh.Snapshot(context.Background())
	again, _ := New(path, r).SecretFingerprint(schema.SecretRef{Env: "PW"})
	if s.Connections[0].Secrets["password"] != planned || again != planned {
		t.Errorf("stored %q, planned %q, fresh target %q: want all equal", s.Connections[0].Secrets["password"], planned, again)
	}
}

func TestDamagedKeyIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(KeyPath(path), []byte("not hex\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := envResolver(map[string]string{"PW": secretValue})
	err := New(path, r).Apply(context.Background(), chg(C, reconcile.KindConnection, "WH", fld("secrets.password", nil, "env:PW")), r)
	if err == nil || !strings.Contains(err.Error(), "secret key "+KeyPath(path)+" is damaged") {
		t.Errorf("err = %v", err)
	}
}
