// Package golden compares what a test made with a file under the test's
// testdata folder: the one way callscope's tests keep expected output. Run
// the tests with -update to write what they make into the files, then read
// the diff by eye before committing it.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "write what the tests make into their golden files under testdata")

// Assert compares got with testdata/name (name uses slashes). With -update
// it first writes got there.
func Assert(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run the test with -update to write it, then read it", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from what the test made (if the change is meant, run with -update and read the diff):\n%s", path, Diff(want, got))
	}
}

// Diff shows where two texts first differ: the line number and that line
// of each, quoted so that escape sequences and trailing spaces show.
func Diff(want, got []byte) string {
	line := 1
	start := 0
	for i := 0; i < len(want) && i < len(got) && want[i] == got[i]; i++ {
		if want[i] == '\n' {
			line++
			start = i + 1
		}
	}
	lineAt := func(b []byte) string {
		if start >= len(b) {
			return "(end of text)"
		}
		end := bytes.IndexByte(b[start:], '\n')
		if end < 0 {
			end = len(b) - start
		}
		return strconv.Quote(string(b[start : start+end]))
	}
	return fmt.Sprintf("line %d\nwant %s\ngot  %s", line, lineAt(want), lineAt(got))
}
