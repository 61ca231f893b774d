//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteIsPrivate: a saved record holds personal data, so the file (and
// the temporary file it is written through) is readable by its owner
// alone, whatever the umask, and also when --force replaces a wider file.
func TestWriteIsPrivate(t *testing.T) {
	old := syscall.Umask(0) // the widest umask: it must not widen the file
	defer syscall.Umask(old)
	dir := t.TempDir()
	p := filepath.Join(dir, "call.json")
	if err := Write(p, []byte(`{"id":"a"}`), false); err != nil {
		t.Fatal(err)
	}
	checkMode(t, p, 0o600)

	// Replacing a file that others could read leaves one they cannot.
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte(`{"id":"b"}`), true); err != nil {
		t.Fatal(err)
	}
	checkMode(t, p, 0o600)

	// A umask narrower than 0600 does not leave a file its owner cannot
	// write.
	syscall.Umask(0o277)
	q := filepath.Join(dir, "narrow.json")
	if err := Write(q, []byte(`{"id":"c"}`), false); err != nil {
		t.Fatal(err)
	}
	checkMode(t, q, 0o600)

	// So is the temporary file the record is written through.
	syscall.Umask(0)
	f, err := Create(filepath.Join(dir, "x.json"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	checkMode(t, f.Name(), 0o600)
}

func checkMode(t *testing.T, p string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s has mode %#o, want %#o", filepath.Base(p), got, want)
	}
}
