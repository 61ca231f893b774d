//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWrittenFilesArePrivate: --save and redact -o write personal data, so
// the files are readable by their owner alone, whatever the umask.
func TestWrittenFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	fakeGraph(t)
	dir := t.TempDir()
	saved := filepath.Join(dir, "call.json")
	if code, _, errs := runCLI(t, "", "report", "--id", demoID, "--save", saved); code != 0 {
		t.Fatalf("--save: exit %d %s", code, errs)
	}
	redacted := filepath.Join(dir, "red.json")
	if code, _, errs := runCLI(t, "", "redact", "-o", redacted, saved); code != 0 {
		t.Fatalf("redact -o: exit %d %s", code, errs)
	}
	for _, p := range []string{saved, redacted} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := st.Mode().Perm(); m != 0o600 {
			t.Errorf("%s has mode %#o, want 0600", filepath.Base(p), m)
		}
	}
}
